package org.semanticscale.benchmarks;

/**
 * The volume of a window of constant size m kept as the upper Cholesky factor U of
 * {@code B = I + (d/m) S} (S the window's scatter matrix, {@code B = U^T U}): the design the core's
 * {@code RunningScatter} was chosen over (docs/decisions.md), kept here to measure it.
 *
 * <p>Welford's update and revert move S by a multiple of {@code delta delta^T}; with c = d/m fixed
 * that is a rank-1 change of B, applied to U row by row with plane rotations, Givens ones to add and
 * hyperbolic ones to remove:
 * <pre>
 *   add(x):    n' = n+1, delta = x - mean, mean += delta/n',  B += c (n/n')  delta delta^T   (update)
 *   remove(x): n' = n-1, delta = x - mean, mean -= delta/n',  B -= c (n/n') delta delta^T   (downdate)
 * </pre>
 * Each is O(d^2); the volume {@code 1/2 log2 det B = sum log2 U_ii} is O(d). A downdate never fails:
 * it leaves {@code I + c S'} with S' a scatter matrix, whose eigenvalues are all at least 1.
 *
 * <p>The size must stay m because c = d/m is baked into U: a window that grows or shrinks changes c,
 * which scales B - I, and no rank-1 operation does that.
 */
public final class RankOneCholeskyWindow {
    private static final double LN2 = Math.log(2);

    private final int dimension;
    /** c = d/m. */
    private final double scale;
    /** Upper triangle of U, row-major d x d (the lower part stays 0). */
    private final double[] factor;

    private final double[] mean;
    /** The rank-1 vector, consumed by each update or downdate. */
    private final double[] work;

    private long count;

    /** A window holding {@code window} (at least two vectors, all of one dimension), built by m updates from B = I. */
    public RankOneCholeskyWindow(float[][] window) {
        if (window.length < 2) {
            throw new IllegalArgumentException("a window needs at least 2 vectors, got " + window.length);
        }
        dimension = window[0].length;
        scale = (double) dimension / window.length;
        factor = new double[dimension * dimension];
        mean = new double[dimension];
        work = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            factor[i * dimension + i] = 1;
        }
        for (float[] x : window) {
            add(x);
        }
    }

    /** Takes {@code in} into the window and {@code out}, a vector it holds, out of it. */
    public void slide(float[] out, float[] in) {
        add(in);
        remove(out);
    }

    /** {@code 1/2 log2 det(I + (d/m) S)}, from the diagonal of U. */
    public double volume() {
        double sum = 0;
        for (int i = 0; i < dimension; i++) {
            sum += Math.log(factor[i * dimension + i]);
        }
        return sum / LN2;
    }

    private void add(float[] x) {
        checkDimension(x);
        long n1 = count + 1;
        double f = Math.sqrt(scale * count / n1);
        for (int i = 0; i < dimension; i++) {
            double di = x[i] - mean[i];
            mean[i] += di / n1;
            work[i] = f * di;
        }
        update();
        count = n1;
    }

    private void remove(float[] x) {
        checkDimension(x);
        long n1 = count - 1;
        double f = Math.sqrt(scale * count / n1);
        for (int i = 0; i < dimension; i++) {
            double di = x[i] - mean[i];
            mean[i] -= di / n1;
            work[i] = f * di;
        }
        downdate();
        count = n1;
    }

    /** U^T U += v v^T, v = work: rotate v into row k of U, for each k in turn. */
    private void update() {
        int d = dimension;
        for (int k = 0; k < d; k++) {
            int row = k * d;
            double ukk = factor[row + k];
            double vk = work[k];
            double r = Math.sqrt(ukk * ukk + vk * vk);
            double c = r / ukk;
            double s = vk / ukk;
            double invC = 1 / c;
            factor[row + k] = r;
            for (int j = k + 1; j < d; j++) {
                double u = (factor[row + j] + s * work[j]) * invC;
                factor[row + j] = u;
                work[j] = c * work[j] - s * u;
            }
        }
    }

    /** U^T U -= v v^T, v = work: the hyperbolic rotations that undo {@link #update()}. */
    private void downdate() {
        int d = dimension;
        for (int k = 0; k < d; k++) {
            int row = k * d;
            double ukk = factor[row + k];
            double vk = work[k];
            // (u - v)(u + v) rather than u^2 - v^2: no cancellation when v is close to u.
            double r2 = (ukk - vk) * (ukk + vk);
            if (!(r2 > 0)) {
                throw new IllegalStateException("downdate lost positive definiteness at pivot " + k + " (U_kk = " + ukk
                        + ", v_k = " + vk + "): only a vector the window holds can be removed");
            }
            double r = Math.sqrt(r2);
            double c = r / ukk;
            double s = vk / ukk;
            double invC = 1 / c;
            factor[row + k] = r;
            for (int j = k + 1; j < d; j++) {
                double u = (factor[row + j] - s * work[j]) * invC;
                factor[row + j] = u;
                work[j] = c * work[j] - s * u;
            }
        }
    }

    private void checkDimension(float[] x) {
        if (x.length != dimension) {
            throw new IllegalArgumentException("vector has dimension " + x.length + ", expected " + dimension);
        }
    }
}
