package org.semanticscale.streams.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DropPolicyTest {
    /** The defaults: a 30 % drop, hysteresis 1.2, a 10-minute baseline that needs 30 s of history. */
    private final DropPolicy policy = new DropPolicy(0.3, 1.2, Duration.ofMinutes(10), Duration.ofSeconds(30));

    /** S' of 100 at every step from 0 to {@code seconds}. */
    private VolumeHistory steady(long seconds) {
        VolumeHistory h = VolumeHistory.EMPTY;
        for (long t = 0; t <= seconds * 1000; t += policy.step()) {
            h = policy.observe(h, t, 100, 400);
        }
        return h;
    }

    @Test
    void collapsesBelowSeventyPercentOfTheBaselineAndRecoversAt84() {
        assertEquals(70, policy.collapseBelow(100), 1e-12);
        assertEquals(84, policy.recoverAt(100), 1e-12);
        assertFalse(policy.next(false, 70, 100), "exactly 30 % down is not more than 30 %");
        assertTrue(policy.next(false, 69.9, 100));
        assertTrue(policy.next(true, 83.9, 100), "between the lines a collapsed class stays collapsed");
        assertFalse(policy.next(true, 84, 100));
        assertFalse(policy.next(false, 83.9, 100), "and a healthy one stays healthy");
    }

    @Test
    void theRecoveryLineIsCappedAtTheBaseline() {
        DropPolicy wide = new DropPolicy(0.3, 2, Duration.ofMinutes(10), Duration.ofSeconds(30));
        assertEquals(100, wide.recoverAt(100), 1e-12, "0.7 x 2 = 1.4 of the baseline would never be reached");
    }

    @Test
    void noBaselineBeforeTheMinimumHistoryAndNoChangeWithoutOne() {
        assertEquals(9_375, policy.step(), "10 minutes over 64 points");
        VolumeHistory young = steady(20);
        assertTrue(Double.isNaN(policy.baselineOf(young)), "20 s of history: no baseline yet");
        assertEquals(-1, policy.baselineNOf(young));
        assertFalse(policy.next(false, 1, policy.baselineOf(young)), "a class in its first fill does not collapse");
        VolumeHistory grown = steady(40);
        assertEquals(100, policy.baselineOf(grown));
        assertEquals(400, policy.baselineNOf(grown));
        assertTrue(policy.next(false, 50, policy.baselineOf(grown)));
    }

    @Test
    void aClassWithoutAScaleKeepsItsState() {
        assertTrue(policy.next(true, Double.NaN, 100));
        assertFalse(policy.next(false, Double.NaN, 100));
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new DropPolicy(0, 1.2, Duration.ofMinutes(10), Duration.ofSeconds(30)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new DropPolicy(0.3, 0.9, Duration.ofMinutes(10), Duration.ofSeconds(30)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new DropPolicy(0.3, 1.2, Duration.ofSeconds(10), Duration.ofSeconds(30)));
    }
}
