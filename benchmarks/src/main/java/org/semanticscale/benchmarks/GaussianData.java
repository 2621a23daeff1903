package org.semanticscale.benchmarks;

import java.util.Random;

/**
 * Seeded standard-normal samples, so that every run and fork, and the ND4J baseline, time the same data.
 * The volume's cost depends on d and m, not on the values; the seed keeps results reproducible.
 */
final class GaussianData {
    private GaussianData() {}

    /** m samples of dimension d, row after row. */
    static float[] flat(int m, int d, long seed) {
        Random random = new Random(seed);
        float[] data = new float[m * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return data;
    }

    /** m samples of dimension d, one array each. */
    static float[][] rows(int m, int d, long seed) {
        float[] flat = flat(m, d, seed);
        float[][] rows = new float[m][d];
        for (int r = 0; r < m; r++) {
            System.arraycopy(flat, r * d, rows[r], 0, d);
        }
        return rows;
    }
}
