package org.semanticscale.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PaceTest {

    @Test
    void recordIIsDueIOverRateSecondsAfterTheStart() throws Exception {
        long start = System.nanoTime();
        Pace pace = Pace.start(50);
        for (int i = 0; i <= 10; i++) {
            pace.awaitTurn(i);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // Record 10 at 50 per second is due at 0.2 s; sleeps only ever run late, so never earlier.
        assertTrue(seconds >= 0.19 && seconds < 2, "took " + seconds + " s");
    }

    @Test
    void aRateOfZeroDoesNotPace() throws Exception {
        long start = System.nanoTime();
        Pace.start(0).awaitTurn(1_000_000);
        assertTrue(System.nanoTime() - start < 100_000_000L);
    }
}
