package org.semanticscale.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.semanticscale.golden.GoldenCases;
import org.semanticscale.volume.Volume;
import org.semanticscale.window.SlidingWindow.Entry;

class SlidingWindowTest {

    private static float[][] contents(SlidingWindow w) {
        List<float[]> out = new ArrayList<>();
        w.entries().forEach(e -> out.add(e.vector()));
        return out.toArray(new float[0][]);
    }

    @Test
    void evictsTheOldestWhenOverCapacity() {
        SlidingWindow w = new SlidingWindow(2, 3);
        Entry first = new Entry(10, new float[] {0, 0}, 1);
        assertNull(w.add(first));
        assertNull(w.add(new Entry(11, new float[] {1, 0}, 1)));
        assertNull(w.add(new Entry(12, new float[] {0, 1}, 1)));
        assertSame(first, w.add(new Entry(13, new float[] {1, 1}, 2)));
        assertEquals(3, w.size());
        assertEquals(11, w.oldest().timestamp());
        assertEquals(Volume.ofRows(contents(w)), w.volume(), 1e-12);
    }

    @Test
    void evictsByEventTimeFromTheOldEnd() {
        SlidingWindow w = new SlidingWindow(1, 100);
        for (long t = 0; t < 10; t++) {
            w.add(new Entry(t * 1000, new float[] {t}, 0));
        }
        assertEquals(4, w.evictBefore(4000));
        assertEquals(6, w.size());
        assertEquals(4000, w.oldest().timestamp());
        assertEquals(0, w.evictBefore(4000), "the cutoff is exclusive");
    }

    @Test
    void rebuildsExactlyOnScheduleAndStaysOnTheFromScratchVolume() {
        Random random = new Random(9);
        int d = 8;
        SlidingWindow w = new SlidingWindow(d, 100);
        for (int i = 0; i < 100 + SlidingWindow.REBUILD_MIN_REVERTS; i++) {
            float[] x = new float[d];
            for (int k = 0; k < d; k++) {
                x[k] = (float) (random.nextGaussian() + 1e4);
            }
            w.add(new Entry(i, x, 0));
            if (i % 50 == 0) {
                w.volume(); // read often enough (100 changes between reads) to keep the statistic running
            }
        }
        assertEquals(1, w.rebuilds(), "one rebuild after " + SlidingWindow.REBUILD_MIN_REVERTS + " evictions");
        double expected = Volume.ofRows(contents(w));
        assertTrue(GoldenCases.close(expected, w.volume(), GoldenCases.INCREMENTAL_TOLERANCE));
    }

    @Test
    void aWindowChangedByMoreThanItHoldsBetweenReadsIsRebuiltAtTheRead() {
        Random random = new Random(10);
        int d = 8;
        SlidingWindow w = new SlidingWindow(d, 100);
        for (int i = 0; i < 1000; i++) {
            w.add(new Entry(i, WindowStatisticContract.randomVector(random, d, 2, 1), 0));
        }
        assertEquals(0, w.rebuilds(), "nothing is rebuilt until the window is read");
        float[] bad = new float[d];
        bad[3] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> w.add(new Entry(5000, bad, 0)), "checked while stale too");
        assertEquals(100, w.size());
        double expected = Volume.ofRows(contents(w));
        assertTrue(GoldenCases.close(expected, w.volume(), GoldenCases.INCREMENTAL_TOLERANCE));
        assertEquals(1, w.rebuilds(), "rebuilt once, at the read, from the 100 vectors held");
        assertEquals(1000, w.arrivals());
        // The halves follow the arrival numbers: 900..999 held, the even ones are rows 0, 2, ...
        float[][] held = contents(w);
        List<float[]> even = new ArrayList<>();
        List<float[]> odd = new ArrayList<>();
        for (int k = 0; k < held.length; k++) {
            (k % 2 == 0 ? even : odd).add(held[k]);
        }
        double half = (Volume.ofRows(even.toArray(new float[0][])) + Volume.ofRows(odd.toArray(new float[0][]))) / 2;
        assertEquals(half, w.halfVolume(), 1e-9 * Math.abs(half));
        // Slides read each time go on incrementally from the rebuilt statistic.
        for (int i = 0; i < 30; i++) {
            w.add(new Entry(1000 + i, WindowStatisticContract.randomVector(random, d, 2, 1), 0));
            assertTrue(GoldenCases.close(Volume.ofRows(contents(w)), w.volume(), GoldenCases.INCREMENTAL_TOLERANCE));
        }
        assertEquals(1, w.rebuilds());
    }

    @Test
    void aRefusedVectorLeavesTheWindowAsItWas() {
        SlidingWindow w = new SlidingWindow(2, 5);
        w.add(new Entry(1, new float[] {1, 2}, 0));
        assertThrows(IllegalArgumentException.class, () -> w.add(new Entry(2, new float[] {Float.NaN, 2}, 0)));
        assertThrows(IllegalArgumentException.class, () -> w.add(new Entry(2, new float[] {1, 2, 3}, 0)));
        assertEquals(1, w.size());
    }

    @Test
    void aWindowRebuiltFromItsEntriesAtTheLiveArrivalNumberSlidesOnAsTheLiveOneDoes() {
        // A live window of 7 after 20 arrivals; a copy rebuilt from its entries, numbered from 20 - 7, then
        // both take 9 more: same arrival numbers, same halves, same volumes.
        Random random = new Random(11);
        int d = 5;
        SlidingWindow live = new SlidingWindow(d, 7);
        for (int i = 0; i < 20; i++) {
            live.add(new Entry(i, WindowStatisticContract.randomVector(random, d, 0, 1), 0));
        }
        SlidingWindow rebuilt = new SlidingWindow(d, 7, live.arrivals() - live.size());
        live.entries().forEach(rebuilt::add);
        assertEquals(live.arrivals(), rebuilt.arrivals());
        for (int i = 20; i < 29; i++) {
            Entry e = new Entry(i, WindowStatisticContract.randomVector(random, d, 0, 1), 0);
            live.add(e);
            rebuilt.add(e);
            assertEquals(live.volume(), rebuilt.volume(), 1e-12);
            assertEquals(live.halfVolume(), rebuilt.halfVolume(), 1e-12);
        }
        assertEquals(29, rebuilt.arrivals());
    }

    @Test
    void theHalfVolumeIsTheMeanOfTheFromScratchVolumesOfEvenAndOddArrivals() {
        Random random = new Random(12);
        SlidingWindow w = new SlidingWindow(3, 6);
        for (int i = 0; i < 9; i++) {
            w.add(new Entry(i, WindowStatisticContract.randomVector(random, 3, 0, 1), 0));
        }
        // Held: arrivals 3..8; even ones are 4, 6, 8 (rows 1, 3, 5), odd ones 3, 5, 7 (rows 0, 2, 4).
        float[][] rows = contents(w);
        double even = Volume.ofRows(new float[][] {rows[1], rows[3], rows[5]});
        double odd = Volume.ofRows(new float[][] {rows[0], rows[2], rows[4]});
        assertEquals((even + odd) / 2, w.halfVolume(), 1e-12);
    }

    @Test
    void meanIsTheMeanOfTheContents() {
        SlidingWindow w = new SlidingWindow(2, 2);
        w.add(new Entry(1, new float[] {100, 100}, 0));
        w.add(new Entry(2, new float[] {1, 3}, 0));
        w.add(new Entry(3, new float[] {3, 5}, 0));
        assertEquals(2, w.mean()[0], 1e-12);
        assertEquals(4, w.mean()[1], 1e-12);
    }
}
