package org.semanticscale.streams.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeHistoryTest {
    private static final long SPAN = 64_000;
    private static final long STEP = 1_000;

    @Test
    void takesOnePointPerStepAndTheMedians() {
        VolumeHistory h = VolumeHistory.EMPTY;
        h = h.observe(0, 10, 100, SPAN, STEP);
        assertSame(h, h.observe(999, 99, 1, SPAN, STEP), "less than a step after the last point: nothing new");
        h = h.observe(1_000, 30, 100, SPAN, STEP);
        h = h.observe(2_500, 20, 90, SPAN, STEP);
        assertEquals(3, h.points().size());
        assertEquals(20, h.medianVolume());
        assertEquals(100, h.medianN());
        assertEquals(2_500, h.spanMillis());
        h = h.observe(3_500, 40, 80, SPAN, STEP);
        assertEquals(25, h.medianVolume(), "even count: the mean of the middle two");
        assertEquals(95, h.medianN());
    }

    @Test
    void dropsPointsOlderThanTheSpanAndNeverHoldsMoreThan64() {
        VolumeHistory h = VolumeHistory.EMPTY;
        for (long t = 0; t <= 200_000; t += STEP) {
            h = h.observe(t, t, 1, SPAN, STEP);
            assertTrue(h.points().size() <= VolumeHistory.MAX_POINTS, "at most 64 points at " + t);
        }
        assertEquals(VolumeHistory.MAX_POINTS, h.points().size());
        assertTrue(h.points().get(0).time() >= 200_000 - SPAN, "nothing older than the span");
        assertEquals(200_000, h.points().get(h.points().size() - 1).time());
    }

    @Test
    void anEmptyOrOneStepHistoryHasNoSpanAndNoMedian() {
        assertTrue(Double.isNaN(VolumeHistory.EMPTY.medianVolume()));
        assertEquals(-1, VolumeHistory.EMPTY.medianN());
        assertEquals(0, VolumeHistory.EMPTY.observe(5, 1, 1, SPAN, STEP).spanMillis());
    }

    @Test
    void aClockThatWentBackAddsNothing() {
        VolumeHistory h = VolumeHistory.EMPTY.observe(10_000, 5, 1, SPAN, STEP);
        assertSame(h, h.observe(2_000, 1, 1, SPAN, STEP));
    }

    @Test
    void survivesJsonAndAStateWithoutAHistoryReadsAsEmpty() throws Exception {
        ObjectMapper json = new ObjectMapper();
        VolumeHistory h =
                new VolumeHistory(List.of(new VolumeHistory.Point(1, 2.5, 3), new VolumeHistory.Point(4, 5, 6)));
        assertEquals(h, json.readValue(json.writeValueAsBytes(h), VolumeHistory.class));
        assertEquals(VolumeHistory.EMPTY, json.readValue("{}", VolumeHistory.class));
    }
}
