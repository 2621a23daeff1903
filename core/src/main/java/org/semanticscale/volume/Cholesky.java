package org.semanticscale.volume;

/**
 * Log-determinant of a symmetric positive definite matrix by an in-place Cholesky factorisation
 * A = U^T U, on the upper triangle of a flat row-major array.
 *
 * <p>Right-looking and blocked: {@link #PANEL} pivot rows are factored together, then the trailing
 * rows get {@code A22 -= U12^T U12} in one pass by the Gram kernel's register tiles (the same shape
 * as a Gram matrix), instead of one pass per pivot. That needs the matrix stored with a padded row
 * stride (a multiple of {@link GramKernel#STRIDE_MULTIPLE}, padding zero); {@link #logDetInPlace}
 * takes a plain n x n array and pads it. The lower triangle is never read.
 */
public final class Cholesky {
    /** Pivot rows factored together: long enough to amortise each tile's loads and stores. */
    static final int PANEL = 16;

    private Cholesky() {}

    /**
     * Natural log of det(A), as {@code 2 * sum(log U_ii)}, for a plain n x n array; leaves U in the
     * upper triangle of {@code a}.
     *
     * @throws NotPositiveDefiniteException when a pivot is not positive
     */
    public static double logDetInPlace(double[] a, int n) {
        int stride = GramKernel.paddedStride(n);
        double[] padded = new double[stride * stride];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * n + i, padded, i * stride + i, n - i);
        }
        try {
            return logDetPaddedOrThrow(padded, n, stride, GramKernels.selected());
        } finally {
            for (int i = 0; i < n; i++) {
                System.arraycopy(padded, i * stride + i, a, i * n + i, n - i);
            }
        }
    }

    /**
     * ln det(A) for an n x n matrix in a {@code stride x stride} array (padding zero), the trailing
     * updates done by {@code kernel}; NaN when a pivot is not positive (that pivot left in place).
     */
    static double logDetPadded(double[] a, int n, int stride, GramKernel kernel) {
        double halfLogDet = 0;
        for (int k0 = 0; k0 < n; k0 += PANEL) {
            int k1 = Math.min(n, k0 + PANEL);
            // Factor the panel rows k0..k1-1, updating only each other.
            for (int k = k0; k < k1; k++) {
                int rowK = k * stride;
                double pivot = a[rowK + k];
                if (!(pivot > 0) || Double.isInfinite(pivot)) {
                    return Double.NaN;
                }
                double r = Math.sqrt(pivot);
                halfLogDet += Math.log(r);
                a[rowK + k] = r;
                double inv = 1.0 / r;
                for (int j = k + 1; j < n; j++) {
                    a[rowK + j] *= inv;
                }
                for (int i = k + 1; i < k1; i++) {
                    double f = a[rowK + i];
                    int rowI = i * stride;
                    for (int j = i; j < n; j++) {
                        a[rowI + j] -= f * a[rowK + j];
                    }
                }
            }
            if (k1 < n) {
                kernel.subtractTrailing(a, stride, k0, k1);
            }
        }
        return 2 * halfLogDet;
    }

    /** As {@link #logDetPadded}, with a typed error naming the failing pivot. */
    static double logDetPaddedOrThrow(double[] a, int n, int stride, GramKernel kernel) {
        double logDet = logDetPadded(a, n, stride, kernel);
        if (Double.isNaN(logDet)) {
            int bad = firstBadPivot(a, n, stride);
            throw new NotPositiveDefiniteException(bad, a[bad * stride + bad], n);
        }
        return logDet;
    }

    private static int firstBadPivot(double[] a, int n, int stride) {
        for (int k = 0; k < n; k++) {
            double p = a[k * stride + k];
            if (!(p > 0) || Double.isInfinite(p)) {
                return k;
            }
        }
        return n - 1;
    }
}
