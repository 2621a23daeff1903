package org.semanticscale.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.semanticscale.volume.NonFiniteInputException;

class RunningScatterTest extends WindowStatisticContract {

    @Override
    protected WindowStatistic create(int dimension) {
        return new RunningScatter(dimension);
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
}
