package org.semanticscale.scale;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.semanticscale.golden.GoldenCases;
import org.semanticscale.volume.Volume;

class SaturationTrackerTest {

    @Test
    void growthBelowTheThresholdIsSaturation() {
        assertTrue(SaturationTracker.isSaturated(100, 100.5, 0.01));
        assertFalse(SaturationTracker.isSaturated(100, 101.5, 0.01));
        assertFalse(SaturationTracker.isSaturated(0, 0, 0.01), "a class with no volume is not saturated");
    }

    @Test
    void verdictIsRevisedEveryStepArrivals() {
        SaturationTracker t = new SaturationTracker(10, 0.01);
        assertFalse(t.observe(0, 50));
        assertFalse(t.observe(9, 50), "not a full step yet");
        assertTrue(t.observe(10, 50.2));
        assertTrue(t.observe(15, 80), "between steps the verdict holds");
        assertFalse(t.observe(20, 80));
    }

    @Test
    void theMarginalEffectCurveSaturates() {
        // The golden marginal-effect set: 10 -> 50 samples still grows a lot, 2000 -> 4000 adds < 1%.
        float[][] samples = GoldenCases.marginalSamples();
        SaturationTracker early = new SaturationTracker(40, SaturationTracker.DEFAULT_THRESHOLD);
        early.observe(10, Volume.ofRows(Arrays.copyOf(samples, 10)));
        assertFalse(early.observe(50, Volume.ofRows(Arrays.copyOf(samples, 50))));
        SaturationTracker late = new SaturationTracker(2000, SaturationTracker.DEFAULT_THRESHOLD);
        late.observe(2000, Volume.ofRows(Arrays.copyOf(samples, 2000)));
        assertTrue(late.observe(4000, Volume.ofRows(samples)));
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SaturationTracker(0, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new SaturationTracker(5, -1));
    }
}
