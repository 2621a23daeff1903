package org.semanticscale.cli.experiment.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void meanAndSampleStandardDeviation() {
        // (0.80, 0.84, 0.88): mean 0.84, squares 0.0016 + 0 + 0.0016 over n - 1 = 2: sd 0.04.
        Spread s = Spread.of(0.80, 0.84, 0.88);
        assertEquals(0.84, s.mean(), 1e-12);
        assertEquals(0.04, s.sd(), 1e-12);
        assertEquals(3, s.n());
    }

    @Test
    void oneValueHasNoSdAndANaNHasNoMean() {
        Spread one = Spread.of(0.7);
        assertEquals(0.7, one.mean());
        assertTrue(Double.isNaN(one.sd()));
        assertTrue(Double.isNaN(Spread.of(0.7, Double.NaN).mean()));
        assertThrows(IllegalArgumentException.class, Spread::of);
    }
}
