package org.semanticscale.volume;

/**
 * The hot loop of every from-scratch volume: {@code S += X^T X} over a block of rows of X.
 *
 * <p>X is row-major with a padded row {@code stride} (a multiple of {@link #STRIDE_MULTIPLE}, the
 * padding zero), so kernels need no tail loops. Only the blocks of S on or above the diagonal are
 * written (whole {@code 4 x w} tiles, so a few entries just below the diagonal get values too);
 * callers read the upper triangle.
 */
interface GramKernel {
    /** Row strides are a multiple of this: two 512-bit vectors of doubles. */
    int STRIDE_MULTIPLE = 16;
    /** Rows per pass over S: a block of X this tall stays in the L2 cache while S tiles are updated. */
    int ROW_BLOCK = 256;

    /** Accumulates rows [from, to) of x into s (stride x stride). */
    void accumulate(double[] x, int stride, int from, int to, double[] s);

    /**
     * The trailing update of a blocked Cholesky factorisation, in place: for every row i >= k1 (and
     * j >= i), {@code a[i][j] -= sum over t in [k0, k1) of a[t][i] * a[t][j]}, where rows k0..k1-1 are
     * the panel just factored. k1 must be a multiple of 4; the rows read and the rows written are disjoint.
     */
    void subtractTrailing(double[] a, int stride, int k0, int k1);

    /**
     * A symmetric rank-1 update of a running scatter matrix: {@code s[i][j] += c * v[i] * v[j]} for
     * every j >= i, s being n x n row-major without padding. As in {@link #accumulate}, a few entries
     * just below the diagonal may be written too: callers read the upper triangle only.
     */
    void addScaledOuterUpper(double[] s, int n, double c, double[] v);

    /** A name for logs and benchmarks. */
    String name();

    static int paddedStride(int n) {
        return (n + STRIDE_MULTIPLE - 1) / STRIDE_MULTIPLE * STRIDE_MULTIPLE;
    }
}
