package org.semanticscale.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.semanticscale.record.ScaleRecord;

/**
 * A crash between a window's last change and its next summary (the punctuator runs every
 * scale.interval, commits every 100 ms under exactly-once): the store holds the change, no summary
 * of it left stage A. After the restart the class must still be summarised, even if no vector of
 * it ever arrives again; otherwise its published scale stays stale for good.
 */
class RestartSummaryTest {

    @Test
    void shouldSummariseEveryRestoredWindowOnceAfterARestart() throws Exception {
        Map<String, String> cfg = Map.of("scale.min-samples", "2");
        Random r = new Random(3);
        Map<String, byte[]> windowChangelog;
        Map<String, byte[]> stateChangelog;
        // 1. First life: 20 vectors of a and of b, stored (each record is committed), never summarised.
        try (TopologyHarness h = new TopologyHarness(cfg)) {
            for (int i = 0; i < 20; i++) {
                h.send("a", gaussian(r, 0), i);
                h.send("b", gaussian(r, 3), i);
            }
            assertTrue(h.scales().isEmpty(), "no punctuation yet: nothing published");
            windowChangelog = h.changelog(ScaleTopology.WINDOW_STORE);
            stateChangelog = h.changelog(ScaleTopology.STATE_STORE);
        }
        // 2. Second life, after the crash: the stores come back from their changelogs; no new vector arrives.
        try (TopologyHarness h = new TopologyHarness(cfg)) {
            h.restoreStore(ScaleTopology.WINDOW_STORE, windowChangelog);
            h.restoreStore(ScaleTopology.STATE_STORE, stateChangelog);
            h.settle();
            ScaleRecord a = h.scales().get("a");
            ScaleRecord b = h.scales().get("b");
            assertNotNull(a, "a is summarised and published after the restart: " + h.scales());
            assertNotNull(b, "b is summarised and published after the restart: " + h.scales());
            assertEquals(20, a.n());
            assertEquals(20, b.n());
            assertTrue(a.hasScale() && b.hasScale());
        }
    }

    private static float[] gaussian(Random r, double centre) {
        float[] v = new float[4];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) (centre + r.nextGaussian());
        }
        return v;
    }
}
