package org.semanticscale.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.semanticscale.golden.GoldenCases;
import org.semanticscale.window.HalvedScatter;

class SaturationTest {

    @Test
    void gainIsTheShareOfTheVolumeThatHalfTheWindowLacks() {
        assertEquals(0.25, Saturation.gain(100, 75), 1e-15);
        assertEquals(0.0, Saturation.gain(100, 100), 1e-15);
        assertTrue(Double.isNaN(Saturation.gain(0, 0)), "no volume: not measurable");
        assertTrue(Double.isNaN(Saturation.gain(100, Double.NaN)), "no half volume: not measurable");
    }

    @Test
    void aGainBelowTheThresholdIsSaturationAndNaNIsNot() {
        Saturation s = new Saturation(0.02);
        assertTrue(s.saturated(0.019));
        assertFalse(s.saturated(0.02));
        assertFalse(s.saturated(Double.NaN));
    }

    @Test
    void theGoldenMarginalEffectSetSaturatesPastAFewTimesItsRank() {
        // 4000 samples of rank 20 in 64 dimensions: 30 of them (1.5 x the rank) still span a quarter more than
        // half of them; 200 (10 x the rank) under 1 % more.
        float[][] samples = GoldenCases.marginalSamples();
        Saturation s = new Saturation(Saturation.DEFAULT_THRESHOLD);
        double early = gainOfFirst(samples, 30);
        double late = gainOfFirst(samples, 200);
        assertEquals(0.2459, early, 1e-4);
        assertEquals(0.0075, late, 1e-4);
        assertFalse(s.saturated(early));
        assertTrue(s.saturated(late));
    }

    @Test
    void aThresholdOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Saturation(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new Saturation(1.5));
        assertThrows(IllegalArgumentException.class, () -> new Saturation(Double.NaN));
    }

    private static double gainOfFirst(float[][] samples, int n) {
        HalvedScatter h = new HalvedScatter(samples[0].length);
        Arrays.stream(samples, 0, n).forEach(h::update);
        return Saturation.gain(h.volume(), h.halfVolume());
    }
}
