package org.semanticscale.volume;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The volume a set of m feature vectors of dimension d spans (docs/semantic-scale.md, 'Volume of one class';
 * paper eq. 3):
 *
 * <pre>  Vol(Z) = 1/2 * log2 det(I + (d/m) * Zc Zc^T),   Zc = samples minus their mean</pre>
 *
 * <p>Computed in float64 whatever the input precision: centre, form the Gram matrix on the smaller
 * side ({@code det(I_d + c A^T A) = det(I_m + c A A^T)}), factor it by Cholesky and sum the logs of
 * the pivots. Never {@code det} then {@code log}, which overflows for d >= 64. Fewer than two samples
 * span no volume (0). Large volumes go to OpenBLAS when it is on the class path ({@link GramKernels}).
 */
public final class Volume {
    /**
     * The system property that picks how volumes are computed: {@code auto} (the default), {@code
     * vector}, {@code scalar} or {@code blas} (see {@link GramKernels}).
     */
    public static final String KERNEL_PROPERTY = "ssi.volume.kernel";

    /**
     * The system property that sets OpenBLAS's threads, read when it loads (default: every core the JVM
     * sees). OpenBLAS's threads are per process: callers that run volumes in parallel want 1.
     */
    public static final String BLAS_THREADS_PROPERTY = "ssi.volume.blas.threads";

    /** Multiply-adds above which the Gram matrix is accumulated on two threads (about 5 ms of work). */
    static final long PARALLEL_WORK = 1L << 24;

    /** Rows per task when samples are summed or copied on several cores (fork-join splits the blocks). */
    static final int COPY_BLOCK = 512;

    /** Values (m * d) from which samples are summed and copied on several cores. */
    static final long PARALLEL_COPY = 1L << 18;

    private static final double LN2 = Math.log(2);

    private Volume() {}

    /**
     * What computes the volume of m samples of dimension d in this JVM, for logs and benchmarks: a
     * Java kernel's name ({@code vector-512bit}, {@code scalar}) or {@code blas-<threads>threads}.
     */
    public static String kernelFor(int m, int d) {
        return GramKernels.describe(m, d);
    }

    /**
     * Loads OpenBLAS now if this JVM would use it for large volumes, so that a batch job can overlap
     * the load (a few hundred milliseconds, natives extracted on first use) with reading its data.
     */
    public static void preloadBlas() {
        GramKernels.blasAboveCrossover();
    }

    /** Volume of the rows of {@code rows} (samples are rows, all of one length). */
    public static double ofRows(float[][] rows) {
        int m = rows.length;
        int d = m == 0 ? 0 : rows[0].length;
        double[] flat = new double[m * d];
        for (int r = 0; r < m; r++) {
            float[] row = checkLength(rows[r], r, d);
            int o = r * d;
            for (int c = 0; c < d; c++) {
                flat[o + c] = row[c];
            }
        }
        return volumeOf(flat, m, d);
    }

    /** Volume of the rows of {@code rows} (samples are rows, all of one length). */
    public static double ofRows(double[][] rows) {
        int m = rows.length;
        int d = m == 0 ? 0 : rows[0].length;
        double[] flat = new double[m * d];
        for (int r = 0; r < m; r++) {
            System.arraycopy(checkLength(rows[r], r, d), 0, flat, r * d, d);
        }
        return volumeOf(flat, m, d);
    }

    /** Volume of m samples of dimension d stored row after row in {@code data}. */
    public static double ofFlat(float[] data, int m, int d) {
        checkShape(data.length, m, d);
        BlasVolume blas = m < 2 || d == 0 ? null : GramKernels.blasForGram(m, d);
        if (blas != null) {
            // Widened row by row on the way off the heap: no float64 copy of the whole set.
            return blasVolume(blas, (r, out) -> widen(data, r * d, out), m, d);
        }
        double[] flat = new double[m * d];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = data[i];
        }
        return volumeOf(flat, m, d, GramKernels.selected());
    }

    /** Volume of m samples of dimension d stored row after row in {@code data} (not modified). */
    public static double ofFlat(double[] data, int m, int d) {
        checkShape(data.length, m, d);
        return volumeOf(data, m, d);
    }

    /**
     * Volume from a scatter matrix {@code S = Zc^T Zc} (upper triangle of a flat d x d array, lower
     * part ignored) of m samples: {@code 1/2 log2 det(I + (d/m) S)}. Used by incremental windows.
     */
    public static double fromScatter(double[] scatterUpper, int d, long m) {
        if (m < 2 || d == 0) {
            return 0;
        }
        int stride = GramKernel.paddedStride(d);
        double[] a = new double[stride * stride];
        double c = (double) d / m;
        for (int i = 0; i < d; i++) {
            int from = i * d;
            int to = i * stride;
            for (int j = i; j < d; j++) {
                a[to + j] = c * scatterUpper[from + j];
            }
            a[to + i] += 1;
        }
        return logDetPaddedOrThrow(a, d, stride) / (2 * LN2);
    }

    /**
     * The rank-1 update of a running scatter matrix, {@code s[i][j] += c * v[i] * v[j]} for every
     * j >= i (s is n x n, row-major, upper triangle used), on the selected kernel. Windows apply their
     * vectors in blocks ({@link #addGramUpper}); this one joins the two halves' scatters on a read.
     */
    public static void addScaledOuterUpper(double[] s, int n, double c, double[] v) {
        GramKernels.selected().addScaledOuterUpper(s, n, c, v);
    }

    /**
     * The blocked rank-k update of a running scatter matrix, {@code s += X^T X} for rows [0, rows) of x, on
     * the selected Gram kernel: x is row-major with row length {@code stride} (from {@link #paddedStride}, the
     * padding zero), s is stride x stride and only its upper triangle is meaningful. A window that defers its
     * vectors and applies them in blocks pays this instead of one {@link #addScaledOuterUpper} per vector.
     */
    public static void addGramUpper(double[] x, int rows, int stride, double[] s) {
        if (stride % GramKernel.STRIDE_MULTIPLE != 0 || x.length < rows * stride || s.length < stride * stride) {
            throw new IllegalArgumentException("stride " + stride + " is not a padded stride for these arrays");
        }
        GramKernels.selected().accumulate(x, stride, 0, rows, s);
    }

    /** The padded row length the Gram kernels take for n columns: n rounded up to a multiple of 16. */
    public static int paddedStride(int n) {
        return GramKernel.paddedStride(n);
    }

    /** One sample, widened to float64: row r of the samples into {@code out} (length d). */
    @FunctionalInterface
    interface Rows {
        void copy(int r, double[] out);
    }

    private static double volumeOf(double[] x, int m, int d) {
        BlasVolume blas = m < 2 || d == 0 ? null : GramKernels.blasForGram(m, d);
        if (blas != null) {
            return blasVolume(blas, rowsOf(x, d), m, d);
        }
        return volumeOf(x, m, d, GramKernels.selected());
    }

    /** The volume of m >= 2 samples on OpenBLAS: the same centring as the Java path, then dsyrk and dpotrf. */
    static double blasVolume(BlasVolume blas, Rows rows, int m, int d) {
        double[] mean = columnMeans(rows, m, d);
        return blas.logDetOfCentredGram(rows, m, d, mean, (double) d / m) / (2 * LN2);
    }

    /** Checks and centres {@code x} (m x d, row-major; not modified) and returns its volume on {@code kernel}. */
    static double volumeOf(double[] x, int m, int d, GramKernel kernel) {
        if (m < 2 || d == 0) {
            requireFinite(rowsOf(x, d), m, d);
            return 0;
        }
        double[] mean = columnMeans(rowsOf(x, d), m, d);
        // Gram on the smaller side: det(I_d + c Zc^T Zc) = det(I_m + c Zc Zc^T). The m x m one is the
        // Gram of the transposed data, so both go through the same kernel on a padded layout.
        boolean sampleSide = m <= d;
        int n = sampleSide ? m : d;
        int rows = sampleSide ? d : m;
        int stride = GramKernel.paddedStride(n);
        double[] padded = sampleSide ? centredTransposed(x, m, d, mean, stride) : centred(x, m, d, mean, stride);
        double[] gram = gram(padded, rows, stride, kernel);
        double c = (double) d / m;
        // I + (d/m) G in place, on the padded layout the Cholesky tiles expect.
        for (int i = 0; i < n; i++) {
            int row = i * stride;
            for (int j = i; j < n; j++) {
                gram[row + j] *= c;
            }
            gram[row + i] += 1;
        }
        return Cholesky.logDetPaddedOrThrow(gram, n, stride, kernel) / (2 * LN2);
    }

    /** ln det of an n x n matrix on a padded layout: dpotrf for large n when OpenBLAS serves, else Java. */
    private static double logDetPaddedOrThrow(double[] a, int n, int stride) {
        BlasVolume blas = GramKernels.blasForCholesky(n);
        return blas != null
                ? blas.logDetPadded(a, n, stride)
                : Cholesky.logDetPaddedOrThrow(a, n, stride, GramKernels.selected());
    }

    /** S = X^T X (upper part) for the padded rows of X, on two threads when the work is large. */
    private static double[] gram(double[] x, int rows, int stride, GramKernel kernel) {
        double[] s = new double[stride * stride];
        long work = (long) rows * stride * stride / 2;
        if (work < PARALLEL_WORK
                || rows < 2 * GramKernel.ROW_BLOCK
                || Runtime.getRuntime().availableProcessors() < 2) {
            kernel.accumulate(x, stride, 0, rows, s);
            return s;
        }
        // Two halves of the rows on two cores; the partial sums add up to the serial result up to rounding.
        int split = rows / 2;
        CompletableFuture<double[]> firstHalf = CompletableFuture.supplyAsync(
                () -> {
                    double[] part = new double[stride * stride];
                    kernel.accumulate(x, stride, 0, split, part);
                    return part;
                },
                ForkJoinPool.commonPool());
        kernel.accumulate(x, stride, split, rows, s);
        double[] part = firstHalf.join();
        for (int i = 0; i < s.length; i++) {
            s[i] += part[i];
        }
        return s;
    }

    /**
     * Column means in float64. NaN and infinities make a column sum non-finite, so the rows are only
     * searched for the culprit when a sum is: the common path stays a plain vectorisable sum.
     */
    private static double[] columnMeans(Rows rows, int m, int d) {
        // Partial sums over fixed blocks of rows, added in block order: the same result on any number
        // of threads, and large inputs summed on every core.
        double[][] partial = new double[(m + COPY_BLOCK - 1) / COPY_BLOCK][];
        copyBlocks(m, d)
                .forEach(b -> partial[b] = columnSums(rows, b * COPY_BLOCK, Math.min(m, (b + 1) * COPY_BLOCK), d));
        double[] sum = new double[d];
        for (double[] p : partial) {
            for (int c = 0; c < d; c++) {
                sum[c] += p[c];
            }
        }
        for (int c = 0; c < d; c++) {
            if (!Double.isFinite(sum[c])) {
                requireFinite(rows, m, d);
                throw new IllegalArgumentException("coordinate " + c + " sums to " + sum[c]
                        + " over the samples: values this large overflow float64 arithmetic");
            }
            sum[c] /= m;
        }
        return sum;
    }

    /**
     * The indices of the {@link #COPY_BLOCK}-row blocks of m samples of dimension d: parallel when the
     * samples hold at least {@link #PARALLEL_COPY} values, where a task's hand-off costs little.
     */
    static IntStream copyBlocks(int m, int d) {
        IntStream blocks = IntStream.range(0, (m + COPY_BLOCK - 1) / COPY_BLOCK);
        return (long) m * d >= PARALLEL_COPY ? blocks.parallel() : blocks;
    }

    private static double[] columnSums(Rows rows, int from, int to, int d) {
        double[] sum = new double[d];
        double[] row = new double[d];
        for (int r = from; r < to; r++) {
            rows.copy(r, row);
            for (int c = 0; c < d; c++) {
                sum[c] += row[c];
            }
        }
        return sum;
    }

    /** (x - mean) as rows of a padded row-major matrix, for the d x d Gram matrix. */
    private static double[] centred(double[] x, int m, int d, double[] mean, int stride) {
        double[] out = new double[m * stride];
        for (int r = 0; r < m; r++) {
            int o = r * d;
            int p = r * stride;
            for (int c = 0; c < d; c++) {
                out[p + c] = x[o + c] - mean[c];
            }
        }
        return out;
    }

    /** (x - mean)^T as rows of a padded row-major matrix, for the m x m Gram matrix. */
    private static double[] centredTransposed(double[] x, int m, int d, double[] mean, int stride) {
        double[] out = new double[d * stride];
        for (int r = 0; r < m; r++) {
            int o = r * d;
            for (int c = 0; c < d; c++) {
                out[c * stride + r] = x[o + c] - mean[c];
            }
        }
        return out;
    }

    private static void requireFinite(Rows rows, int m, int d) {
        double[] row = new double[d];
        for (int r = 0; r < m; r++) {
            rows.copy(r, row);
            for (int c = 0; c < d; c++) {
                if (!Double.isFinite(row[c])) {
                    throw new NonFiniteInputException(r, c, row[c]);
                }
            }
        }
    }

    private static Rows rowsOf(double[] x, int d) {
        return (r, out) -> System.arraycopy(x, r * d, out, 0, d);
    }

    private static void widen(float[] x, int from, double[] out) {
        for (int c = 0; c < out.length; c++) {
            out[c] = x[from + c];
        }
    }

    private static void checkShape(int length, int m, int d) {
        if (m < 0 || d < 0 || (long) m * d != length) {
            throw new IllegalArgumentException(
                    "data of length " + length + " is not " + m + " samples of dimension " + d);
        }
    }

    private static float[] checkLength(float[] row, int r, int d) {
        if (row.length != d) {
            throw new IllegalArgumentException("sample " + r + " has dimension " + row.length + ", expected " + d);
        }
        return row;
    }

    private static double[] checkLength(double[] row, int r, int d) {
        if (row.length != d) {
            throw new IllegalArgumentException("sample " + r + " has dimension " + row.length + ", expected " + d);
        }
        return row;
    }
}
