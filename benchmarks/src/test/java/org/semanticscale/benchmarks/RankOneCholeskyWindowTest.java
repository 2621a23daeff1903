package org.semanticscale.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.semanticscale.golden.GoldenCases;
import org.semanticscale.volume.Volume;

class RankOneCholeskyWindowTest {

    @Test
    void handComputedOneDimensionalWindow() {
        // {0, 2}: mean 1, S = 2, c = 1/2, B = 1 + 1 = 2, volume = 1/2 log2 2.
        RankOneCholeskyWindow w = new RankOneCholeskyWindow(new float[][] {{0}, {2}});
        assertEquals(0.5, w.volume(), 1e-15);
        // {2, 4}: the same spread.
        w.slide(new float[] {0}, new float[] {4});
        assertEquals(0.5, w.volume(), 1e-15);
        // {4, 10}: S = 18, B = 10.
        w.slide(new float[] {2}, new float[] {10});
        assertEquals(0.5 * Math.log(10) / Math.log(2), w.volume(), 1e-14);
    }

    @Test
    void aFreshWindowMatchesTheFromScratchVolume() {
        float[][] rows = GaussianData.rows(200, 24, 11);
        double expected = Volume.ofRows(rows);
        assertTrue(GoldenCases.close(
                expected, new RankOneCholeskyWindow(rows).volume(), GoldenCases.FROM_SCRATCH_TOLERANCE));
    }

    @Test
    void staysWithinOneMillionthOfFromScratchAfterThousandsOfSlides() {
        Random random = new Random(5);
        int d = 32;
        int size = 256;
        ArrayDeque<float[]> window = new ArrayDeque<>();
        for (int i = 0; i < size; i++) {
            window.addLast(vector(random, d, 50, 3));
        }
        RankOneCholeskyWindow w = new RankOneCholeskyWindow(window.toArray(new float[0][]));
        for (int slide = 0; slide < 5000; slide++) {
            // Far-off, wide and tight vectors mixed: the hard case for running sums.
            double offset = slide % 3 == 0 ? 1000 : 50;
            double spread = slide % 7 == 0 ? 100 : 0.5;
            float[] in = vector(random, d, offset, spread);
            window.addLast(in);
            w.slide(window.pollFirst(), in);
        }
        double expected = Volume.ofRows(window.toArray(new float[0][]));
        double actual = w.volume();
        assertTrue(
                GoldenCases.close(expected, actual, GoldenCases.INCREMENTAL_TOLERANCE),
                "after 5,000 slides: rank-1 " + actual + " vs from scratch " + expected);
    }

    @Test
    void refusesTooSmallWindowsAndWrongDimensions() {
        assertThrows(IllegalArgumentException.class, () -> new RankOneCholeskyWindow(new float[][] {{1, 2}}));
        RankOneCholeskyWindow w = new RankOneCholeskyWindow(new float[][] {{1, 2}, {3, 4}});
        assertThrows(IllegalArgumentException.class, () -> w.slide(new float[] {1, 2}, new float[] {1}));
    }

    private static float[] vector(Random random, int d, double offset, double spread) {
        float[] x = new float[d];
        for (int k = 0; k < d; k++) {
            x[k] = (float) (offset + spread * random.nextGaussian());
        }
        return x;
    }
}
