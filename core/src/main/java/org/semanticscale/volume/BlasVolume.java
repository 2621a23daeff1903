package org.semanticscale.volume;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * Volumes and log-determinants on OpenBLAS, through the JavaCPP preset: the Gram matrix by
 * {@code cblas_dsyrk}, the factor by {@code dpotrf}. Used above the sizes where they beat the Java
 * kernels ({@link GramKernels}); the optional {@code org.bytedeco:openblas} dependency and its
 * natives must be on the class path, which only {@link #load()} touches.
 *
 * <p>Both matrices live off the heap: the centred samples (m x d, row-major, written row by row from
 * a float64 scratch row) and the n x n result. A row-major upper triangle is the column-major lower
 * one, so {@code dpotrf} runs on it with no transposed copy.
 */
final class BlasVolume {

    private final int threads;

    private BlasVolume(int threads) {
        this.threads = threads;
    }

    /**
     * Loads OpenBLAS (extracting the natives to JavaCPP's cache on first use) and sets its threads.
     *
     * @throws LinkageError when the classes or the natives for this platform are missing
     */
    static BlasVolume load() {
        Loader.load(openblas.class);
        int threads = Integer.getInteger(
                Volume.BLAS_THREADS_PROPERTY, Runtime.getRuntime().availableProcessors());
        if (threads < 1) {
            throw new IllegalArgumentException(
                    "-D" + Volume.BLAS_THREADS_PROPERTY + " must be at least 1, was " + threads);
        }
        openblas.blas_set_num_threads(threads);
        return new BlasVolume(threads);
    }

    /** OpenBLAS's threads, for logs and benchmarks. */
    int threads() {
        return threads;
    }

    /**
     * {@code ln det(I + c Zc Zc^T)}, Zc being the m samples of {@code rows} minus {@code mean}, on the
     * smaller side ({@code det(I_d + c Zc^T Zc) = det(I_m + c Zc Zc^T)}).
     */
    double logDetOfCentredGram(Volume.Rows rows, int m, int d, double[] mean, double c) {
        try (DoublePointer x = new DoublePointer((long) m * d)) {
            DoubleBuffer xb = x.asBuffer();
            Volume.copyBlocks(m, d)
                    .forEach(b -> centre(
                            rows,
                            b * Volume.COPY_BLOCK,
                            Math.min(m, (b + 1) * Volume.COPY_BLOCK),
                            mean,
                            xb.duplicate()));
            boolean sampleSide = m <= d;
            int n = sampleSide ? m : d;
            try (DoublePointer a = new DoublePointer((long) n * n)) {
                // Upper triangle of c Zc^T Zc (d x d) or c Zc Zc^T (m x m), from the row-major m x d Zc.
                openblas.cblas_dsyrk(
                        openblas.CblasRowMajor,
                        openblas.CblasUpper,
                        sampleSide ? openblas.CblasNoTrans : openblas.CblasTrans,
                        n,
                        sampleSide ? d : m,
                        c,
                        x,
                        d,
                        0,
                        a,
                        n);
                DoubleBuffer ab = a.asBuffer();
                for (int i = 0; i < n; i++) {
                    int ii = i * (n + 1);
                    ab.put(ii, ab.get(ii) + 1);
                }
                return logDetFactored(a, ab, n);
            }
        }
    }

    /** Rows [from, to) of the samples minus {@code mean}, into the same rows of {@code out}. */
    private static void centre(Volume.Rows rows, int from, int to, double[] mean, DoubleBuffer out) {
        int d = mean.length;
        double[] row = new double[d];
        for (int r = from; r < to; r++) {
            rows.copy(r, row);
            for (int k = 0; k < d; k++) {
                row[k] -= mean[k];
            }
            out.put(r * d, row, 0, d);
        }
    }

    /**
     * ln det(A) of an n x n matrix whose upper triangle is in a {@code stride x stride} row-major array
     * (not modified).
     */
    double logDetPadded(double[] a, int n, int stride) {
        try (DoublePointer p = new DoublePointer((long) n * n)) {
            DoubleBuffer pb = p.asBuffer();
            for (int i = 0; i < n; i++) {
                pb.put(i * n + i, a, i * stride + i, n - i);
            }
            return logDetFactored(p, pb, n);
        }
    }

    /** Factors the row-major upper triangle in place and returns {@code 2 * sum(log U_ii)}. */
    private static double logDetFactored(DoublePointer a, DoubleBuffer ab, int n) {
        // Row-major upper is column-major lower: dpotrf with 'L' factors it where it lies.
        int info = openblas.LAPACKE_dpotrf_work(openblas.LAPACK_COL_MAJOR, (byte) 'L', n, a, n);
        if (info < 0) {
            throw new IllegalStateException("dpotrf refused argument " + -info + " (n = " + n + ")");
        }
        if (info > 0) {
            int bad = info - 1;
            throw new NotPositiveDefiniteException(bad, ab.get(bad * (n + 1)), n);
        }
        double halfLogDet = 0;
        for (int i = 0; i < n; i++) {
            halfLogDet += Math.log(ab.get(i * (n + 1)));
        }
        return 2 * halfLogDet;
    }
}
