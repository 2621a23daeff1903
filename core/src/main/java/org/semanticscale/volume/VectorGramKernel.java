package org.semanticscale.volume;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Gram kernel on the JDK's Vector API (incubating in Java 17; enabled with
 * {@code --add-modules jdk.incubator.vector}): a 4 x 2-vector tile of S stays in registers while a
 * block of rows streams past, four broadcasts and two vector loads per eight fused multiply-adds.
 * About 5x the scalar kernel on AVX2/AVX-512 machines (docs/benchmarks.md).
 */
final class VectorGramKernel implements GramKernel {
    /** Must be a constant for the JIT to compile vector operations to instructions. */
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private static final int LANES = SPECIES.length();
    private static final int TILE_WIDTH = 2 * LANES;

    VectorGramKernel() {
        if (STRIDE_MULTIPLE % TILE_WIDTH != 0) {
            throw new IllegalStateException("vector width " + LANES + " does not divide the row padding");
        }
    }

    @Override
    public void accumulate(double[] x, int stride, int from, int to, double[] s) {
        for (int k0 = from; k0 < to; k0 += ROW_BLOCK) {
            int k1 = Math.min(to, k0 + ROW_BLOCK);
            for (int i0 = 0; i0 < stride; i0 += 4) {
                for (int j0 = i0 / TILE_WIDTH * TILE_WIDTH; j0 < stride; j0 += TILE_WIDTH) {
                    tile(x, stride, k0, k1, i0, j0, s, 1);
                }
            }
        }
    }

    @Override
    public void subtractTrailing(double[] a, int stride, int k0, int k1) {
        for (int i0 = k1; i0 < stride; i0 += 4) {
            for (int j0 = i0 / TILE_WIDTH * TILE_WIDTH; j0 < stride; j0 += TILE_WIDTH) {
                tile(a, stride, k0, k1, i0, j0, a, -1);
            }
        }
    }

    @Override
    public void addScaledOuterUpper(double[] s, int n, double c, double[] v) {
        for (int i = 0; i < n; i++) {
            double f = c * v[i];
            DoubleVector fv = DoubleVector.broadcast(SPECIES, f);
            int row = i * n;
            // From the vector boundary at or below the diagonal: whole vectors, no tail when LANES
            // divides n; the few entries written below the diagonal are never read.
            int j = i / LANES * LANES;
            for (; j + LANES <= n; j += LANES) {
                fv.fma(DoubleVector.fromArray(SPECIES, v, j), DoubleVector.fromArray(SPECIES, s, row + j))
                        .intoArray(s, row + j);
            }
            for (; j < n; j++) {
                s[row + j] += f * v[j];
            }
        }
    }

    /** s[i0..i0+3][j0..j0+2L-1] += sign * sum over rows k of x[k][i] * x[k][j]. */
    private static void tile(double[] x, int stride, int k0, int k1, int i0, int j0, double[] s, double sign) {
        int r0 = i0 * stride + j0, r1 = r0 + stride, r2 = r1 + stride, r3 = r2 + stride;
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, s, r0);
        DoubleVector c01 = DoubleVector.fromArray(SPECIES, s, r0 + LANES);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, s, r1);
        DoubleVector c11 = DoubleVector.fromArray(SPECIES, s, r1 + LANES);
        DoubleVector c20 = DoubleVector.fromArray(SPECIES, s, r2);
        DoubleVector c21 = DoubleVector.fromArray(SPECIES, s, r2 + LANES);
        DoubleVector c30 = DoubleVector.fromArray(SPECIES, s, r3);
        DoubleVector c31 = DoubleVector.fromArray(SPECIES, s, r3 + LANES);
        for (int o = k0 * stride; o < k1 * stride; o += stride) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, x, o + j0);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, x, o + j0 + LANES);
            DoubleVector a = DoubleVector.broadcast(SPECIES, sign * x[o + i0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(SPECIES, sign * x[o + i0 + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(SPECIES, sign * x[o + i0 + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(SPECIES, sign * x[o + i0 + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        c00.intoArray(s, r0);
        c01.intoArray(s, r0 + LANES);
        c10.intoArray(s, r1);
        c11.intoArray(s, r1 + LANES);
        c20.intoArray(s, r2);
        c21.intoArray(s, r2 + LANES);
        c30.intoArray(s, r3);
        c31.intoArray(s, r3 + LANES);
    }

    @Override
    public String name() {
        return "vector-" + SPECIES.vectorBitSize() + "bit";
    }
}
