package org.semanticscale.volume;

/**
 * Log-determinant of a symmetric positive definite matrix by an in-place Cholesky factorisation
 * A = U^T U, stored as the upper triangle of a flat row-major {@code n x n} array.
 *
 * <p>The factorisation is right-looking and blocked by {@link #PANEL} pivot rows: each trailing row
 * is updated once per panel as {@code a_i -= sum_t u_ti * u_t}, a contiguous axpy that the JIT
 * vectorises, instead of once per pivot. The lower triangle is never read or written (except the
 * padded variant's tiles, which may scribble just below the diagonal, never read).
 *
 * <p>Matrices stored with a padded row stride (a multiple of {@link GramKernel#STRIDE_MULTIPLE}, the
 * padding zero) take {@link #logDetPadded}: panels of {@link #WIDE_PANEL} rows with the trailing
 * update done by the Gram kernel's register tiles, the same {@code A22 -= U12^T U12} shape.
 */
public final class Cholesky {
    /** Pivot rows factored together before the trailing rows are updated with all of them. */
    static final int PANEL = 8;
    /** Panel height of the padded variant: long enough to amortise each tile's loads and stores. */
    static final int WIDE_PANEL = 16;

    private Cholesky() {
    }

    /**
     * Natural log of det(A), as {@code 2 * sum(log U_ii)}, destroying the upper triangle of {@code a}.
     *
     * @throws NotPositiveDefiniteException when a pivot is not positive
     */
    public static double logDetInPlace(double[] a, int n) {
        double logDet = tryLogDetInPlace(a, n);
        if (Double.isNaN(logDet)) {
            int bad = firstBadPivot(a, n);
            throw new NotPositiveDefiniteException(bad, a[bad * n + bad], n);
        }
        return logDet;
    }

    /** As {@link #logDetInPlace} but reports failure cheaply as NaN (the bad pivot stays in place). */
    public static double tryLogDetInPlace(double[] a, int n) {
        double halfLogDet = 0;
        for (int k0 = 0; k0 < n; k0 += PANEL) {
            int k1 = Math.min(n, k0 + PANEL);
            // Factor the panel rows k0..k1-1, updating only each other.
            for (int k = k0; k < k1; k++) {
                int rowK = k * n;
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
                    int rowI = i * n;
                    for (int j = i; j < n; j++) {
                        a[rowI + j] -= f * a[rowK + j];
                    }
                }
            }
            updateTrailing(a, n, k0, k1);
        }
        return 2 * halfLogDet;
    }

    /**
     * Natural log of det(A) for an n x n matrix stored with row stride {@code stride} (a multiple of
     * 16, padding zero), the trailing updates done by {@code kernel}; NaN when a pivot is not positive.
     */
    static double logDetPadded(double[] a, int n, int stride, GramKernel kernel) {
        double halfLogDet = 0;
        for (int k0 = 0; k0 < n; k0 += WIDE_PANEL) {
            int k1 = Math.min(n, k0 + WIDE_PANEL);
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

    /** A22 -= U12^T U12 for the trailing rows i >= k1, with the panel rows k0..k1-1 (upper part only). */
    private static void updateTrailing(double[] a, int n, int k0, int k1) {
        int width = k1 - k0;
        if (width == PANEL) {
            int r0 = k0 * n;
            int r1 = r0 + n, r2 = r1 + n, r3 = r2 + n, r4 = r3 + n, r5 = r4 + n, r6 = r5 + n, r7 = r6 + n;
            for (int i = k1; i < n; i++) {
                double f0 = a[r0 + i], f1 = a[r1 + i], f2 = a[r2 + i], f3 = a[r3 + i];
                double f4 = a[r4 + i], f5 = a[r5 + i], f6 = a[r6 + i], f7 = a[r7 + i];
                int rowI = i * n;
                for (int j = i; j < n; j++) {
                    a[rowI + j] -= f0 * a[r0 + j] + f1 * a[r1 + j] + f2 * a[r2 + j] + f3 * a[r3 + j]
                            + f4 * a[r4 + j] + f5 * a[r5 + j] + f6 * a[r6 + j] + f7 * a[r7 + j];
                }
            }
            return;
        }
        for (int k = k0; k < k1; k++) {
            int rowK = k * n;
            for (int i = k1; i < n; i++) {
                double f = a[rowK + i];
                int rowI = i * n;
                for (int j = i; j < n; j++) {
                    a[rowI + j] -= f * a[rowK + j];
                }
            }
        }
    }

    private static int firstBadPivot(double[] a, int n) {
        for (int k = 0; k < n; k++) {
            double p = a[k * n + k];
            if (!(p > 0) || Double.isInfinite(p)) {
                return k;
            }
        }
        return n - 1;
    }
}
