package org.semanticscale.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.semanticscale.golden.GoldenCases;
import org.semanticscale.golden.GoldenCases.VolumeCase;
import org.semanticscale.scale.Saturation;
import org.semanticscale.volume.Volume;

class HalvedScatterTest extends WindowStatisticContract {

    @Override
    protected WindowStatistic create(int dimension) {
        return new HalvedScatter(dimension);
    }

    /** The rows whose arrival number, counted from {@code firstArrival}, has the given parity. */
    private static float[][] half(List<float[]> rows, long firstArrival, int parity) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if ((firstArrival + i) % 2 == parity) {
                out.add(rows.get(i));
            }
        }
        return out.toArray(new float[0][]);
    }

    /** Adds {@code count} seeded random vectors to {@code s} and returns them in order. */
    private static List<float[]> fill(HalvedScatter s, int count, long seed) {
        Random random = new Random(seed);
        List<float[]> xs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            xs.add(randomVector(random, s.dimension(), 0, 1));
            s.update(xs.get(i));
        }
        return xs;
    }

    private static void assertClose(double expected, double actual, double tolerance, String what) {
        assertTrue(
                GoldenCases.close(expected, actual, tolerance), what + ": expected " + expected + " but was " + actual);
    }

    @Test
    void theCombinedHalvesGiveTheGoldenVolumeOfEveryCase() {
        for (VolumeCase c : GoldenCases.volumeCases()) {
            HalvedScatter s = new HalvedScatter(c.d());
            for (float[] row : c.samples()) {
                s.update(row);
            }
            assertClose(c.volume(), s.volume(), GoldenCases.INCREMENTAL_TOLERANCE, c.name());
        }
    }

    @Test
    void eachHalfMatchesTheFromScratchVolumeOfTheSameRowsWhileTheGoldenSetSlides() {
        // The golden marginal-effect set (4000 x 64, rank 20) through a window of 101 vectors: an odd size,
        // so the oldest vector's half alternates with every slide.
        float[][] samples = GoldenCases.marginalSamples();
        int size = 101;
        HalvedScatter s = new HalvedScatter(samples[0].length);
        List<float[]> window = new ArrayList<>();
        long oldestArrival = 0;
        for (int i = 0; i < 1200; i++) {
            s.update(samples[i]);
            window.add(samples[i]);
            if (window.size() > size) {
                s.revert(window.remove(0));
                oldestArrival++;
            }
            if (i % 97 == 0 || i == 1199) {
                String at = "after " + (i + 1) + " arrivals";
                float[][] even = half(window, oldestArrival, 0);
                float[][] odd = half(window, oldestArrival, 1);
                double tol = GoldenCases.INCREMENTAL_TOLERANCE;
                assertClose(Volume.ofRows(window.toArray(new float[0][])), s.volume(), tol, "whole " + at);
                assertClose(Volume.ofRows(even), s.evenVolume(), tol, "even half " + at);
                assertClose(Volume.ofRows(odd), s.oddVolume(), tol, "odd half " + at);
                if (window.size() >= 4) {
                    assertClose(
                            (Volume.ofRows(even) + Volume.ofRows(odd)) / 2, s.halfVolume(), tol, "half volume " + at);
                }
            }
        }
    }

    @Test
    void aSmallCaseByHand() {
        // d = 1, x = 0, 2, 1, 3: the whole has mean 1.5 and scatter 5, Vol = 1/2 log2(1 + 5/4) = log2 1.5;
        // even {0, 1} and odd {2, 3} each have scatter 0.5, Vol = 1/2 log2(1 + 0.5/2) = 1/2 log2 1.25.
        HalvedScatter s = new HalvedScatter(1);
        for (float x : new float[] {0, 2, 1, 3}) {
            s.update(new float[] {x});
        }
        double log2 = Math.log(2);
        assertEquals(Math.log(1.5) / log2, s.volume(), 1e-15);
        assertEquals(0.5 * Math.log(1.25) / log2, s.evenVolume(), 1e-15);
        assertEquals(0.5 * Math.log(1.25) / log2, s.oddVolume(), 1e-15);
        assertEquals(0.5 * Math.log(1.25) / log2, s.halfVolume(), 1e-15);
        assertEquals(1 - 0.5 * Math.log(1.25) / Math.log(1.5), Saturation.gain(s.volume(), s.halfVolume()), 1e-15);
        assertEquals(1.5, s.mean()[0], 1e-15);
    }

    @Test
    void theOldestVectorLeavesItsOwnHalf() {
        HalvedScatter s = new HalvedScatter(3);
        List<float[]> xs = fill(s, 5, 5);
        s.revert(xs.get(0)); // arrival 0, even
        s.revert(xs.get(1)); // arrival 1, odd
        assertEquals(Volume.ofRows(new float[][] {xs.get(2), xs.get(4)}), s.evenVolume(), 1e-12);
        assertEquals(0, s.oddVolume(), "one odd vector left: no volume");
        assertEquals(Double.NaN, s.halfVolume(), "below four vectors the half volume is not measurable");
        assertEquals(5, s.arrivals());
    }

    @Test
    void aStatisticResumedAtTheLiveArrivalNumberHasTheLiveHalves() {
        // A live window of 5 after 12 arrivals (7 evicted) holds arrivals 7..11: odd, even, odd, even, odd.
        HalvedScatter live = new HalvedScatter(4);
        List<float[]> xs = fill(live, 12, 6);
        for (float[] x : xs.subList(0, 7)) {
            live.revert(x);
        }
        HalvedScatter resumed = new HalvedScatter(4, 12 - 5);
        HalvedScatter fromZero = new HalvedScatter(4);
        for (float[] x : xs.subList(7, 12)) {
            resumed.update(x);
            fromZero.update(x);
        }
        assertEquals(live.evenVolume(), resumed.evenVolume(), 1e-12);
        assertEquals(live.oddVolume(), resumed.oddVolume(), 1e-12);
        assertEquals(live.arrivals(), resumed.arrivals());
        assertEquals(live.oddVolume(), fromZero.evenVolume(), 1e-12, "numbered from 0 the halves would swap");
    }

    @Test
    void clearThenAddingTheSameVectorsRebuildsTheSameHalves() {
        HalvedScatter s = new HalvedScatter(3);
        List<float[]> xs = fill(s, 9, 7);
        s.revert(xs.get(0));
        double even = s.evenVolume();
        double odd = s.oddVolume();
        s.clear();
        assertEquals(0, s.count());
        for (float[] x : xs.subList(1, 9)) {
            s.update(x);
        }
        assertEquals(even, s.evenVolume(), 1e-12);
        assertEquals(odd, s.oddVolume(), 1e-12);
    }

    @Test
    void refusesANegativeStartAndRevertsOnlyWhatItHolds() {
        assertThrows(IllegalArgumentException.class, () -> new HalvedScatter(2, -1));
        HalvedScatter s = new HalvedScatter(2);
        assertThrows(IllegalStateException.class, () -> s.revert(new float[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> s.update(new float[] {Float.NaN, 2}));
        assertEquals(0, s.arrivals(), "a refused vector is no arrival");
    }
}
