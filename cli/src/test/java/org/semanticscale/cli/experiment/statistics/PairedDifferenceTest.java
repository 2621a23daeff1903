package org.semanticscale.cli.experiment.statistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairedDifferenceTest {
    /** Tables give t quantiles to six decimals: agreement to that. */
    private static final double TABLE = 1e-6;

    @Test
    void differencesOneTwoThreeGiveMeanTwoSdOneAndTheTableHalfWidth() {
        // d = (1, 2, 3): mean 2, sd sqrt((1 + 0 + 1) / 2) = 1; t(0.975, 2) = 4.302653, half-width 4.302653 / sqrt 3.
        PairedDifference p = PairedDifference.of(new double[] {11, 12, 13}, new double[] {10, 10, 10});

        assertArrayEquals(new double[] {1, 2, 3}, p.differences().values());
        assertEquals(2, p.mean(), 1e-12);
        assertEquals(1, p.differences().sd(), 1e-12);
        assertEquals(0.95, p.interval().level());
        assertEquals(2.484138, p.interval().halfWidth(), TABLE);
        assertEquals(2 - 2.484138, p.interval().low(), TABLE);
        assertEquals(2 + 2.484138, p.interval().high(), TABLE);
        assertFalse(p.interval().aboveZero());
    }

    @Test
    void twoSeedsUseTheTQuantileWithOneDegreeOfFreedom() {
        // d = (0.01, 0.03): mean 0.02, sd sqrt(2 * 0.01^2) = 0.0141421; t(0.975, 1) = 12.706205.
        PairedDifference p = PairedDifference.of(new double[] {0.81, 0.84}, new double[] {0.80, 0.81});

        assertEquals(0.02, p.mean(), 1e-12);
        assertEquals(Math.sqrt(2) * 0.01, p.differences().sd(), 1e-12);
        assertEquals(
                12.706205 * Math.sqrt(2) * 0.01 / Math.sqrt(2), p.interval().halfWidth(), TABLE);
    }

    @Test
    void anIntervalWhollyAboveZeroSaysSo() {
        // d = (2, 3, 4, 3): mean 3, sd sqrt(2/3); t(0.975, 3) = 3.182446; half-width 3.182446 * 0.816497 / 2 =
        // 1.299228.
        PairedDifference p = PairedDifference.of(new double[] {2, 3, 4, 3}, new double[4]);
        assertEquals(1.299228, p.interval().halfWidth(), TABLE);
        assertTrue(p.interval().aboveZero());
    }

    @Test
    void oneSeedOrANaNHasNoInterval() {
        PairedDifference one = PairedDifference.of(new double[] {0.9}, new double[] {0.8});
        assertEquals(0.1, one.mean(), 1e-12);
        assertTrue(Double.isNaN(one.differences().sd()));
        assertNull(one.interval());

        assertNull(PairedDifference.of(new double[] {0.9, Double.NaN}, new double[] {0.8, 0.7})
                .interval());
        assertThrows(IllegalArgumentException.class, () -> PairedDifference.of(new double[] {1}, new double[2]));
    }
}
