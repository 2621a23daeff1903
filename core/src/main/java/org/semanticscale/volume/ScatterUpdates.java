package org.semanticscale.volume;

/**
 * The rank-1 update of a running scatter matrix on the JVM's selected kernel (the Vector API one
 * when enabled): every vector a window adds or evicts pays it, so it is the streams-app's hot loop.
 */
public final class ScatterUpdates {
    private ScatterUpdates() {
    }

    /** {@code s[i][j] += c * v[i] * v[j]} for every j >= i; s is n x n, row-major, upper triangle used. */
    public static void addScaledOuterUpper(double[] s, int n, double c, double[] v) {
        GramKernels.selected().addScaledOuterUpper(s, n, c, v);
    }
}
