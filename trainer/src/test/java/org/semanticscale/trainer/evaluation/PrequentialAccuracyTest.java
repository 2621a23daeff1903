package org.semanticscale.trainer.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrequentialAccuracyTest {
    @Test
    void unknownUntilTheFirstOutcome() {
        PrequentialAccuracy p = new PrequentialAccuracy(2, 3);
        assertTrue(Double.isNaN(p.accuracy(0)));
        assertTrue(Double.isNaN(p.overall()));
        assertTrue(Double.isNaN(p.balanced()));
    }

    @Test
    void keepsTheLastWindowOfEachClass() {
        PrequentialAccuracy p = new PrequentialAccuracy(2, 3);
        p.record(0, 0); // hit
        p.record(0, 1); // miss
        assertEquals(0.5, p.accuracy(0));
        p.record(0, 0);
        p.record(0, 0); // the first hit leaves the window: miss, hit, hit
        assertEquals(2 / 3.0, p.accuracy(0), 1e-12);
        p.record(0, 0); // hit, hit, hit
        assertEquals(1.0, p.accuracy(0));
        assertTrue(Double.isNaN(p.accuracy(1)));
        assertEquals(1.0, p.balanced(), "only classes seen count");
        p.record(1, 0); // class 1: miss
        assertEquals(0.5, p.balanced());
        assertEquals(2 / 3.0, p.overall(), 1e-12, "overall window of 3: hit, hit, miss");
    }
}
