package org.semanticscale.benchmarks;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The volume computed the way an ND4J user would, as the baseline for the core's kernel: the same
 * formula as {@code Volume} ({@code 1/2 log2 det(I + (d/m) Zc^T Zc)}) in float64 on ND4J's native
 * backend (OpenBLAS for the Gram matrix, LAPACK for the factor).
 *
 * <p>{@code lapack().potrf(a, false)} calls LAPACKE_dpotrf for the upper factor U (A = U^T U) in place
 * and then zeroes the strictly lower triangle row by row, a fixed cost of one small op per row.
 */
final class Nd4jVolume {
    private static final double LN2 = Math.log(2);

    private Nd4jVolume() {
    }

    /** Makes float64 ND4J's default for arrays created from now on; call before building inputs. */
    static void useDoublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** Volume of the rows of {@code x}, an m x d float64 matrix (not modified). */
    static double of(INDArray x) {
        long m = x.rows();
        long d = x.columns();
        INDArray centred = x.subRowVector(x.mean(0));
        // Gram on the smaller side: det(I_d + c Zc^T Zc) = det(I_m + c Zc Zc^T).
        INDArray gram = m <= d ? centred.mmul(centred.transpose()) : centred.transpose().mmul(centred);
        long n = gram.rows();
        INDArray a = gram.muli((double) d / m).addi(Nd4j.eye(n));
        Nd4j.getBlasWrapper().lapack().potrf(a, false);
        // 1/2 log2 det(U^T U) = sum log2 U_ii.
        double sum = 0;
        for (long i = 0; i < n; i++) {
            sum += Math.log(a.getDouble(i, i));
        }
        return sum / LN2;
    }

    /** {@code data} (m samples of dimension d, row after row) as an m x d float64 matrix. */
    static INDArray matrix(float[] data, int m, int d) {
        double[] wide = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            wide[i] = data[i];
        }
        return Nd4j.create(wide, new long[] {m, d}, DataType.DOUBLE);
    }
}
