package org.semanticscale.volume;

/**
 * Plain-Java Gram kernel, the fallback when the Vector API is not enabled: 4 x 4 tiles of S held in
 * sixteen local accumulators while a block of rows streams past, eight loads per sixteen multiply-adds.
 */
final class ScalarGramKernel implements GramKernel {

    @Override
    public void accumulate(double[] x, int stride, int from, int to, double[] s) {
        for (int k0 = from; k0 < to; k0 += ROW_BLOCK) {
            int k1 = Math.min(to, k0 + ROW_BLOCK);
            for (int i0 = 0; i0 < stride; i0 += 4) {
                for (int j0 = i0; j0 < stride; j0 += 4) {
                    tile(x, stride, k0, k1, i0, j0, s, 1);
                }
            }
        }
    }

    @Override
    public void subtractTrailing(double[] a, int stride, int k0, int k1) {
        for (int i0 = k1; i0 < stride; i0 += 4) {
            for (int j0 = i0; j0 < stride; j0 += 4) {
                tile(a, stride, k0, k1, i0, j0, a, -1);
            }
        }
    }

    @Override
    public void addScaledOuterUpper(double[] s, int n, double c, double[] v) {
        for (int i = 0; i < n; i++) {
            double f = c * v[i];
            int row = i * n;
            for (int j = i; j < n; j++) {
                s[row + j] += f * v[j];
            }
        }
    }

    /** s[i0..i0+3][j0..j0+3] += sign * sum over rows k of x[k][i] * x[k][j]. */
    private static void tile(double[] x, int stride, int k0, int k1, int i0, int j0, double[] s, double sign) {
        int r0 = i0 * stride + j0, r1 = r0 + stride, r2 = r1 + stride, r3 = r2 + stride;
        double c00 = s[r0], c01 = s[r0 + 1], c02 = s[r0 + 2], c03 = s[r0 + 3];
        double c10 = s[r1], c11 = s[r1 + 1], c12 = s[r1 + 2], c13 = s[r1 + 3];
        double c20 = s[r2], c21 = s[r2 + 1], c22 = s[r2 + 2], c23 = s[r2 + 3];
        double c30 = s[r3], c31 = s[r3 + 1], c32 = s[r3 + 2], c33 = s[r3 + 3];
        for (int o = k0 * stride; o < k1 * stride; o += stride) {
            double a0 = sign * x[o + i0],
                    a1 = sign * x[o + i0 + 1],
                    a2 = sign * x[o + i0 + 2],
                    a3 = sign * x[o + i0 + 3];
            double b0 = x[o + j0], b1 = x[o + j0 + 1], b2 = x[o + j0 + 2], b3 = x[o + j0 + 3];
            c00 += a0 * b0;
            c01 += a0 * b1;
            c02 += a0 * b2;
            c03 += a0 * b3;
            c10 += a1 * b0;
            c11 += a1 * b1;
            c12 += a1 * b2;
            c13 += a1 * b3;
            c20 += a2 * b0;
            c21 += a2 * b1;
            c22 += a2 * b2;
            c23 += a2 * b3;
            c30 += a3 * b0;
            c31 += a3 * b1;
            c32 += a3 * b2;
            c33 += a3 * b3;
        }
        s[r0] = c00;
        s[r0 + 1] = c01;
        s[r0 + 2] = c02;
        s[r0 + 3] = c03;
        s[r1] = c10;
        s[r1 + 1] = c11;
        s[r1 + 2] = c12;
        s[r1 + 3] = c13;
        s[r2] = c20;
        s[r2 + 1] = c21;
        s[r2 + 2] = c22;
        s[r2 + 3] = c23;
        s[r3] = c30;
        s[r3 + 1] = c31;
        s[r3 + 2] = c32;
        s[r3 + 3] = c33;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
