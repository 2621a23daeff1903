package org.semanticscale.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.semanticscale.volume.NonFiniteInputException;

class RunningScatterTest extends WindowStatisticContract {

    @Override
    protected WindowStatistic create(int dimension) {
        return new RunningScatter(dimension);
    }

    @Test
    void revertingTheNewestEqualsAFreshStatisticToo() {
        // A plain running scatter takes back any member, not only the oldest.
        Random random = new Random(1);
        RunningScatter fresh = new RunningScatter(12);
        RunningScatter touched = new RunningScatter(12);
        for (int i = 0; i < 40; i++) {
            float[] x = randomVector(random, 12, 3, 2);
            fresh.update(x);
            touched.update(x);
        }
        float[] extra = randomVector(random, 12, -5, 10);
        touched.update(extra);
        touched.revert(extra);
        assertEquals(fresh.count(), touched.count());
        assertEquals(fresh.volume(), touched.volume(), 1e-12 * fresh.volume());
    }

    @Test
    void meanFollowsUpdatesAndReverts() {
        RunningScatter s = new RunningScatter(2);
        s.update(new float[] {1, 2});
        s.update(new float[] {3, 6});
        assertArrayEquals(new double[] {2, 4}, s.mean(), 1e-15);
        s.revert(new float[] {1, 2});
        assertArrayEquals(new double[] {3, 6}, s.mean(), 1e-15);
    }

    @Test
    void refusesWrongDimensionAndNonFiniteVectors() {
        RunningScatter s = new RunningScatter(3);
        assertThrows(IllegalArgumentException.class, () -> s.update(new float[] {1, 2}));
        assertThrows(NonFiniteInputException.class, () -> s.update(new float[] {1, Float.NaN, 2}));
        assertEquals(0, s.count(), "a refused vector must leave the statistic untouched");
        assertThrows(IllegalStateException.class, () -> s.revert(new float[] {1, 2, 3}));
    }

    /**
     * Blocks are widened into one work array per thread: statistics of other dimensions (other padded strides)
     * applied in between leave their values in it, which must not reach this one's d x d scatter.
     */
    @Test
    void statisticsOfManyDimensionsInterleavedMatchTheirFromScratchVolumes() {
        Random random = new Random(5);
        int[] dims = {20, 64, 7, 33};
        RunningScatter[] stats = new RunningScatter[dims.length];
        java.util.List<java.util.List<float[]>> held = new java.util.ArrayList<>();
        for (int k = 0; k < dims.length; k++) {
            stats[k] = new RunningScatter(dims[k]);
            held.add(new java.util.ArrayList<>());
        }
        for (int step = 0; step < 500; step++) {
            int k = step % dims.length;
            float[] x = randomVector(random, dims[k], 2, 1 + k);
            stats[k].update(x);
            held.get(k).add(x);
            if (held.get(k).size() > 90) {
                stats[k].revert(held.get(k).remove(0));
            }
            if (step % 37 == 0) {
                stats[(k + 1) % dims.length].volume(); // a read between blocks of the others
            }
        }
        for (int k = 0; k < dims.length; k++) {
            double expected = org.semanticscale.volume.Volume.ofRows(held.get(k).toArray(new float[0][]));
            assertEquals(expected, stats[k].volume(), 1e-9 * Math.abs(expected), "dimension " + dims[k]);
        }
    }
}
