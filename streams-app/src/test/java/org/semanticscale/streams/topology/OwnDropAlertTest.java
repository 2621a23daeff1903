package org.semanticscale.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.streams.scale.ScaleProcessor;

/**
 * The own-drop alert (docs/semantic-scale.md, 'Collapsed classes') on the real topology: three classes of
 * 8-d vectors, equally far apart (so W is the same for all and S / max S is S' / max S'), 40 vectors each per
 * round and a window of 40, so each round replaces every window. A round is one settle: 1.2 s of wall clock,
 * one history point (alert.baseline 64 s: one point per second).
 */
class OwnDropAlertTest {
    private static final int D = 8;
    private static final int PER_ROUND = 40;

    private static final Map<String, String> CONFIG = Map.of(
            "window.max-per-class", Integer.toString(PER_ROUND),
            "scale.min-samples", "2",
            "alert.baseline", "64s",
            "alert.baseline-min", "5s");

    /** Event time of the next vector: increasing, so nothing is late. */
    private long t;

    private final Random random = new Random(21);

    /** One round: {@code PER_ROUND} vectors of every class around its own centre, with the given spreads. */
    private void round(TopologyHarness h, Map<String, Double> spreads) {
        int axis = 0;
        for (var e : spreads.entrySet()) {
            for (int i = 0; i < PER_ROUND; i++) {
                float[] v = new float[D];
                for (int k = 0; k < D; k++) {
                    v[k] = (float) (e.getValue() * random.nextGaussian() + (k == axis ? 10 : 0));
                }
                h.send(e.getKey(), v, t++);
            }
            axis++;
        }
        h.settle();
    }

    private static Map<String, Double> spreads(double a, double b, double c) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("a", a);
        m.put("b", b);
        m.put("c", c);
        return m;
    }

    private static double ratio(TopologyHarness h, String label) {
        double max = h.scales().values().stream()
                .mapToDouble(ScaleRecord::scale)
                .max()
                .orElseThrow();
        return h.scales().get(label).scale() / max;
    }

    @Test
    void shouldAlertCollapsedWhenAClassLosesDiversityAtItsUsualRateWhileItsScaleRatioStaysAboveTheThreshold()
            throws Exception {
        try (TopologyHarness h = new TopologyHarness(CONFIG)) {
            // 1. Eight rounds of equally diverse classes: a baseline for each (5 s of history needed).
            for (int r = 0; r < 8; r++) {
                round(h, spreads(1, 1, 1));
            }
            ScaleRecord before = h.scales().get("c");
            assertTrue(Double.isFinite(before.baselineVolume()), "baseline established: " + before);
            assertFalse(before.collapsed());

            // 2. c keeps its 40 vectors a round but their spread falls to 0.6: S' drops by more than 30 %,
            //    S / max S stays above alert.threshold (0.5): only the own-drop alert sees it.
            round(h, spreads(1, 1, 0.6));
            ScaleRecord collapsed = h.scales().get("c");
            assertTrue(collapsed.collapsed(), collapsed.toString());
            assertFalse(collapsed.underrepresented());
            assertTrue(ratio(h, "c") > 0.5, "S / max S = " + ratio(h, "c"));
            assertEquals(PER_ROUND, collapsed.n(), "the count did not move");
            List<JsonNode> alerts = h.alertNodes();
            assertEquals(1, alerts.size(), alerts.toString());
            JsonNode alert = alerts.get(0);
            assertEquals("c", alert.get("label").asText());
            assertEquals("COLLAPSED", alert.get("state").asText());
            assertEquals("own-drop", alert.get("cause").asText());
            assertEquals("model", alert.get("view").asText());
            double baseline = alert.get("baselineVolume").asDouble();
            assertEquals(collapsed.baselineVolume(), baseline, 1e-12);
            assertEquals(collapsed.volume(), alert.get("volume").asDouble(), 1e-12);
            assertTrue(alert.get("volume").asDouble() < 0.7 * baseline, alert.toString());
            assertEquals(0.7 * baseline, alert.get("threshold").asDouble(), 1e-9);
            assertEquals(0.84 * baseline, alert.get("recoverAbove").asDouble(), 1e-9);
            assertEquals(PER_ROUND, alert.get("n").asLong());
            assertEquals(PER_ROUND, alert.get("baselineN").asLong(), "n equal to baselineN: semantic-only");
            String scrape = h.registry.scrape();
            assertTrue(scrape.contains("ssi_class_collapsed{class=\"c\",view=\"model\"} 1.0"), scrape);
            assertTrue(scrape.contains("ssi_class_collapsed{class=\"a\",view=\"model\"} 0.0"), scrape);
            assertTrue(scrape.contains("ssi_alerts_total{state=\"COLLAPSED\",view=\"model\"} 1.0"), scrape);
            assertTrue(scrape.contains("ssi_class_volume_baseline{class=\"c\",view=\"model\"} " + baseline), scrape);

            // 3. Collapsed for longer than alert.baseline (70 rounds, 84 s): the baseline stays where it was,
            //    frozen; had it followed the class down, c would now read recovered at its collapsed level.
            for (int r = 0; r < 70; r++) {
                round(h, spreads(1, 1, 0.6));
                assertTrue(h.scales().get("c").collapsed(), "round " + r);
                assertEquals(baseline, h.scales().get("c").baselineVolume(), 0, "round " + r);
            }

            // 4. Part of the way back (spread 0.75, S' between 70 % and 84 % of the baseline): still collapsed.
            round(h, spreads(1, 1, 0.75));
            ScaleRecord between = h.scales().get("c");
            assertTrue(
                    between.volume() > 0.7 * baseline && between.volume() < 0.84 * baseline,
                    between.volume() / baseline + " of the baseline");
            assertTrue(between.collapsed(), "inside the hysteresis band");

            // 5. Diverse again: RECOVERED, of the same cause, with the figures.
            round(h, spreads(1, 1, 1));
            assertFalse(h.scales().get("c").collapsed());
            alerts = h.alertNodes();
            assertEquals(2, alerts.size(), alerts.toString());
            assertEquals("RECOVERED", alerts.get(1).get("state").asText());
            assertEquals("own-drop", alerts.get(1).get("cause").asText());
            assertTrue(alerts.get(1).get("volume").asDouble() >= 0.84 * baseline);
            assertEquals(baseline, alerts.get(1).get("baselineVolume").asDouble(), 1e-12);
        }
    }

    @Test
    void shouldNotCollapseAClassWhenAnotherClassWidensThoughItsScaleFalls() throws Exception {
        // docs/decisions.md, 'A class's own drop: measured on S'': S = S'/max S' x W of a falls when b widens,
        // its own volume S' does not. Alerting on S would call a collapse what happened to another class.
        try (TopologyHarness h = new TopologyHarness(overriding(CONFIG, "alert.threshold", "0.1"))) {
            for (int r = 0; r < 8; r++) {
                round(h, spreads(1, 1, 1));
            }
            ScaleRecord before = h.scales().get("a");
            for (int r = 0; r < 5; r++) {
                round(h, spreads(1, 3, 1));
            }
            ScaleRecord after = h.scales().get("a");
            assertTrue(
                    after.scale() < 0.7 * before.scale(),
                    "S of a fell by over 30 %: " + before.scale() + " -> " + after.scale());
            assertEquals(before.volume(), after.volume(), 0.1 * before.volume(), "S' of a did not move");
            assertFalse(after.collapsed());
            assertEquals(List.of(), h.alertNodes(), "no alert of either cause");
        }
    }

    @Test
    void shouldNotCollapseAClassWhileItsFirstHistoryIsShorterThanTheMinimum() throws Exception {
        try (TopologyHarness h = new TopologyHarness(CONFIG)) {
            // One round of a diverse c, then it narrows at once: 1.2 s of history, under alert.baseline-min (5 s).
            round(h, spreads(1, 1, 1));
            double first = h.scales().get("c").volume();
            assertTrue(Double.isNaN(h.scales().get("c").baselineVolume()), "no baseline yet");
            for (int r = 0; r < 10; r++) {
                round(h, spreads(1, 1, 0.6));
            }
            assertTrue(h.scales().get("c").volume() < 0.7 * first, "S' fell by over 30 % from its first value");
            assertFalse(h.scales().get("c").collapsed(), "but that was its first fill: no baseline to fall from");
            assertEquals(List.of(), h.alertNodes());
        }
    }

    @Test
    void shouldKeepACollapsedAndAnUnderrepresentedClassAcrossARestartWithoutAlertingTwice() throws Exception {
        // d is narrow from the start (UNDERREPRESENTED, never COLLAPSED: its own S' does not move); c collapses.
        Map<String, byte[]> windowChangelog;
        Map<String, byte[]> stateChangelog;
        double baseline;
        Instant stopped;
        // 1. First life: baselines, then c collapses; both alerts go out once.
        try (TopologyHarness h = new TopologyHarness(CONFIG)) {
            for (int r = 0; r < 8; r++) {
                roundWithNarrowD(h, 1);
            }
            roundWithNarrowD(h, 0.6);
            List<String> states = h.alertNodes().stream()
                    .map(a -> a.get("label").asText() + " " + a.get("state").asText())
                    .toList();
            assertEquals(List.of("d UNDERREPRESENTED", "c COLLAPSED"), states);
            baseline = h.scales().get("c").baselineVolume();
            windowChangelog = h.changelog(ScaleTopology.WINDOW_STORE);
            stateChangelog = h.changelog(ScaleTopology.STATE_STORE);
            stopped = h.wallClock();
            assertTrue(stateChangelog.containsKey(ScaleProcessor.historyKey("c")), "c's history has its own key");
            assertFalse(
                    new String(stateChangelog.get("c"), java.nio.charset.StandardCharsets.UTF_8).contains("points"),
                    "and is not rewritten with every summary of c");
        }
        // 2. Second life: the stores restored from their changelogs, the clock going on; c stays collapsed.
        try (TopologyHarness h = new TopologyHarness(CONFIG, stopped)) {
            h.restoreStore(ScaleTopology.WINDOW_STORE, windowChangelog);
            h.restoreStore(ScaleTopology.STATE_STORE, stateChangelog);
            for (int r = 0; r < 3; r++) {
                roundWithNarrowD(h, 0.6);
            }
            ScaleRecord c = h.scales().get("c");
            assertTrue(c.collapsed(), "still collapsed after the restart");
            assertEquals(baseline, c.baselineVolume(), 0, "with its frozen baseline");
            assertTrue(h.scales().get("d").underrepresented());
            assertEquals(List.of(), h.alertNodes(), "no alert repeated after the restart");
            String scrape = h.registry.scrape();
            assertTrue(scrape.contains("ssi_alerts_total{state=\"COLLAPSED\",view=\"model\"} 0.0"), scrape);
            assertTrue(scrape.contains("ssi_class_collapsed{class=\"c\",view=\"model\"} 1.0"), scrape);

            // 3. c recovers: one RECOVERED, of the own-drop cause.
            roundWithNarrowD(h, 1);
            List<JsonNode> alerts = h.alertNodes();
            assertEquals(1, alerts.size(), alerts.toString());
            assertEquals("c", alerts.get(0).get("label").asText());
            assertEquals("RECOVERED", alerts.get(0).get("state").asText());
            assertEquals("own-drop", alerts.get(0).get("cause").asText());
        }
    }

    /** A round of a, b and c (c with the given spread) and of d, narrow (spread 0.05) all along. */
    private void roundWithNarrowD(TopologyHarness h, double c) {
        Map<String, Double> s = spreads(1, 1, c);
        s.put("d", 0.05);
        round(h, s);
    }

    private static Map<String, String> overriding(Map<String, String> base, String key, String value) {
        Map<String, String> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
