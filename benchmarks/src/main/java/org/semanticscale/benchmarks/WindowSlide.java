package org.semanticscale.benchmarks;

/**
 * A window of m vectors sliding over a fixed pool of fresh ones: each {@link #advance()} takes the
 * next pool vector in and the oldest window vector out, so a statistic fed {@link #in()} and
 * {@link #out()} always reverts a vector it holds, however long the benchmark runs.
 */
final class WindowSlide {
    /** Fresh vectors cycled through; enough that the window never holds one vector twice. */
    private static final int POOL = 4096;

    private final float[][] window;
    private final float[][] pool;
    private int oldest;
    private int next;
    private float[] in;
    private float[] out;

    WindowSlide(int m, int d, long seed) {
        window = GaussianData.rows(m, d, seed);
        pool = GaussianData.rows(Math.max(POOL, 2 * m), d, seed + 1);
    }

    /** The vectors in the window before the first slide (shared: the caller must not modify them). */
    float[][] initialWindow() {
        return window.clone();
    }

    /** Moves the window one vector on. */
    void advance() {
        in = pool[next];
        out = window[oldest];
        window[oldest] = in;
        oldest = (oldest + 1) % window.length;
        next = (next + 1) % pool.length;
    }

    /** The vector that entered at the last {@link #advance()}. */
    float[] in() {
        return in;
    }

    /** The vector that left at the last {@link #advance()}. */
    float[] out() {
        return out;
    }
}
