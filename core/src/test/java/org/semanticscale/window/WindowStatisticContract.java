package org.semanticscale.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.semanticscale.golden.GoldenCases;
import org.semanticscale.volume.Volume;

/**
 * The contract every {@link WindowStatistic} passes (River's "update then revert equals a fresh estimator",
 * reverting oldest first as a window evicts),
 * plus the drift bound of docs/semantic-scale.md, 'Tolerances': after 100,000 random slides the volume is
 * within 1e-6 relative of a from-scratch computation on the same window.
 */
public abstract class WindowStatisticContract {

    protected abstract WindowStatistic create(int dimension);

    /** d coordinates, each {@code offset + spread * N(0, 1)} (other tests draw their vectors here too). */
    public static float[] randomVector(Random random, int d, double offset, double spread) {
        float[] x = new float[d];
        for (int k = 0; k < d; k++) {
            x[k] = (float) (offset + spread * random.nextGaussian());
        }
        return x;
    }

    @Test
    void updateThenRevertingTheOldestEqualsAFreshStatistic() {
        // Windows evict oldest first; a statistic that never saw the evicted vector is the reference.
        Random random = new Random(1);
        int d = 12;
        WindowStatistic fresh = create(d);
        WindowStatistic touched = create(d);
        float[] oldest = randomVector(random, d, -5, 10);
        touched.update(oldest);
        for (int i = 0; i < 40; i++) {
            float[] x = randomVector(random, d, 3, 2);
            fresh.update(x);
            touched.update(x);
        }
        touched.revert(oldest);
        assertEquals(fresh.count(), touched.count());
        assertEquals(fresh.volume(), touched.volume(), 1e-12 * fresh.volume());
    }

    @Test
    void revertingEverythingLeavesNothing() {
        Random random = new Random(2);
        WindowStatistic s = create(5);
        float[][] xs = new float[10][];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = randomVector(random, 5, 0, 1);
            s.update(xs[i]);
        }
        for (float[] x : xs) {
            s.revert(x);
        }
        assertEquals(0, s.count());
        assertEquals(0, s.volume());
    }

    @Test
    void matchesFromScratchVolumeAtEverySizeWhileGrowing() {
        Random random = new Random(3);
        int d = 8;
        WindowStatistic s = create(d);
        float[][] xs = new float[30][];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = randomVector(random, d, 1, 1);
            s.update(xs[i]);
            double expected = Volume.ofRows(java.util.Arrays.copyOf(xs, i + 1));
            assertEquals(expected, s.volume(), 1e-10 * Math.max(1, expected), "after " + (i + 1) + " vectors");
        }
    }

    @Test
    void stayWithinOneMillionthOfFromScratchAfter100000RandomSlides() {
        Random random = new Random(4);
        int d = 16;
        int size = 64;
        WindowStatistic s = create(d);
        ArrayDeque<float[]> window = new ArrayDeque<>();
        for (int i = 0; i < size; i++) {
            float[] x = randomVector(random, d, 50, 3);
            window.addLast(x);
            s.update(x);
        }
        for (int slide = 0; slide < 100_000; slide++) {
            // Far-off, wide and tight vectors mixed: the hard case for running sums.
            double offset = slide % 3 == 0 ? 1000 : 50;
            double spread = slide % 7 == 0 ? 100 : 0.5;
            float[] in = randomVector(random, d, offset, spread);
            window.addLast(in);
            s.update(in);
            s.revert(window.pollFirst());
        }
        double expected = Volume.ofRows(window.toArray(new float[0][]));
        double actual = s.volume();
        assertTrue(
                GoldenCases.close(expected, actual, GoldenCases.INCREMENTAL_TOLERANCE),
                "after 100,000 slides: incremental " + actual + " vs from scratch " + expected);
    }
}
