package org.semanticscale.sketch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomProjectionTest {
    /**
     * Johnson-Lindenstrauss at 256 dimensions: ||P^T x||^2 / ||x||^2 has mean 1 and standard deviation about
     * sqrt(2 / 256) = 0.088, so every one of 200 random vectors lies within 0.4 (4.5 sd) and their mean within
     * 0.04 (6 sd of a mean over 200).
     */
    private static final double EACH_NORM_TOLERANCE = 0.4;

    private static final double MEAN_NORM_TOLERANCE = 0.04;

    @Test
    void splittableRandomIsSplitMix64() {
        // SplitMix64's published first output for seed 0: the bits behind every projection.
        assertEquals(0xE220A8397B1DCDAFL, new SplittableRandom(0).nextLong());
    }

    @Test
    void fixedSeedGivesTheseGaussianEntries() {
        // Pinned: any change of generator, order or scaling changes every input view's scales.
        RandomProjection p = RandomProjection.gaussian(1, 784, 256);
        assertEquals(-0.02683721f, p.entry(0, 0));
        assertEquals(-0.16666844f, p.entry(0, 1));
        assertEquals(0.038194004f, p.entry(1, 0));
        assertEquals(-0.03344105f, p.entry(783, 255));
        assertEquals(0.10051934f, p.entry(400, 17));
    }

    @Test
    void fixedSeedGivesTheseGaussianNormals() {
        SeededGaussians g = new SeededGaussians(1);
        assertEquals(-0.034267321791851144, g.nextGaussian());
        assertEquals(-1.2926085332373185, g.nextGaussian());
        assertEquals(-2.5000674933698677, g.nextGaussian());
        assertEquals(0.9114665864092971, g.nextGaussian());
    }

    @Test
    void fixedSeedGivesTheseSparseEntries() {
        RandomProjection p = RandomProjection.sparse(1, 784, 256);
        float v = (float) Math.sqrt(28.0 / 256); // s = sqrt(784) = 28
        assertEquals(0.3307189f, v);
        assertEquals(7049, p.nonZeros());
        assertEquals(-v, p.entry(0, 2));
        assertEquals(v, p.entry(0, 58));
        assertEquals(0f, p.entry(0, 0));
        assertEquals(0f, p.entry(0, 3));
    }

    @Test
    void twoInstancesWithTheSameSeedProjectAlike() {
        for (RandomProjection.Kind kind : RandomProjection.Kind.values()) {
            RandomProjection a = RandomProjection.of(kind, 99, 300, 64);
            RandomProjection b = RandomProjection.of(kind, 99, 300, 64);
            float[] x = randomVector(new Random(5), 300);
            assertArrayEquals(a.project(x), b.project(x), kind.configName());
        }
    }

    @Test
    void anotherSeedOrLengthGivesAnotherProjection() {
        float[] x = randomVector(new Random(6), 300);
        RandomProjection p = RandomProjection.gaussian(99, 300, 64);
        assertFalse(java.util.Arrays.equals(
                p.project(x), RandomProjection.gaussian(100, 300, 64).project(x)));
        assertNotEquals(p.entry(0, 0), RandomProjection.gaussian(99, 301, 64).entry(0, 0));
    }

    @Test
    void gaussianProjectionKeepsSquaredNorms() {
        assertNormsKept(RandomProjection.gaussian(1, 784, 256));
    }

    @Test
    void sparseProjectionKeepsSquaredNorms() {
        assertNormsKept(RandomProjection.sparse(1, 784, 256));
    }

    @Test
    void projectionIsLinearAndSkipsNothingButZeros() {
        RandomProjection p = RandomProjection.gaussian(3, 4, 2);
        float[] y = p.project(new float[] {0, 2, 0, -1});
        // y_j = 2 P[1, j] - P[3, j]
        assertEquals(2 * p.entry(1, 0) - p.entry(3, 0), y[0], 1e-7);
        assertEquals(2 * p.entry(1, 1) - p.entry(3, 1), y[1], 1e-7);
    }

    @Test
    void refusesWrongLengthsAndOversizedMatrices() {
        RandomProjection p = RandomProjection.gaussian(1, 10, 4);
        assertThrows(IllegalArgumentException.class, () -> p.project(new float[9]));
        assertThrows(ProjectionTooLargeException.class, () -> RandomProjection.gaussian(1, 3 * 224 * 224, 256));
    }

    private static void assertNormsKept(RandomProjection p) {
        Random random = new Random(11);
        double sum = 0;
        int m = 200;
        for (int r = 0; r < m; r++) {
            float[] x = randomVector(random, p.inputLength());
            double ratio = squaredNorm(p.project(x)) / squaredNorm(x);
            assertTrue(Math.abs(ratio - 1) < EACH_NORM_TOLERANCE, p.kind() + ": ratio " + ratio);
            sum += ratio;
        }
        assertEquals(1, sum / m, MEAN_NORM_TOLERANCE, p.kind().configName());
    }

    private static float[] randomVector(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    private static double squaredNorm(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return s;
    }
}
