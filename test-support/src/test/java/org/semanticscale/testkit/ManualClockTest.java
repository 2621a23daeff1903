package org.semanticscale.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    @Test
    void movesOnlyWhenAdvanced() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        long before = clock.millis();
        assertEquals(before, clock.millis());
        clock.advance(Duration.ofMillis(250));
        assertEquals(before + 250, clock.millis());
    }
}
