package org.semanticscale.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.semanticscale.deadletter.DeadLetterHeaders;
import org.semanticscale.golden.GoldenCases;
import org.semanticscale.golden.GoldenCases.Expected;
import org.semanticscale.golden.GoldenCases.ScaleCase;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.scale.Saturation;
import org.semanticscale.streams.View;
import org.semanticscale.volume.Volume;

class ScaleTopologyTest {
    private static final double INCREMENTAL = GoldenCases.INCREMENTAL_TOLERANCE;

    private static float[] gaussian(Random r, int d, double centre, double spread) {
        float[] v = new float[d];
        for (int k = 0; k < d; k++) {
            v[k] = (float) (centre + spread * r.nextGaussian());
        }
        return v;
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(
                GoldenCases.close(expected, actual, INCREMENTAL),
                what + ": expected " + expected + " but was " + actual);
    }

    @Test
    void shouldKeepOnlyTheNewestVectorsWhenAClassExceedsItsCap() throws Exception {
        try (TopologyHarness h = new TopologyHarness(Map.of("window.max-per-class", "5", "scale.min-samples", "2"))) {
            Random r = new Random(1);
            List<float[]> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                float[] v = gaussian(r, 4, 0, 1);
                sent.add(v);
                h.send("a", v, 1000 + i);
            }
            h.settle();
            ScaleRecord a = h.scales().get("a");
            assertEquals(5, a.n());
            assertClose(Volume.ofRows(sent.subList(3, 8).toArray(new float[0][])), a.volume(), "volume of the last 5");
            assertEquals(1003, a.windowStart());
            assertEquals(1007, a.windowEnd());
            assertEquals(7, a.modelVersion());
        }
    }

    @Test
    void shouldEvictVectorsOlderThanTheSpanAgainstTheNewestTimestamp() throws Exception {
        try (TopologyHarness h = new TopologyHarness(Map.of("window.span", "10s", "scale.min-samples", "2"))) {
            Random r = new Random(2);
            List<float[]> late = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                h.send("a", gaussian(r, 3, 0, 1), i * 1000L); // t = 0..5 s
            }
            for (int i = 0; i < 4; i++) {
                float[] v = gaussian(r, 3, 0, 1);
                late.add(v);
                h.send("a", v, 12_000L + i * 1000L); // t = 12..15 s: cutoff 5 s
            }
            h.send("b", gaussian(r, 3, 5, 1), 15_500L);
            h.settle();
            ScaleRecord a = h.scales().get("a");
            assertEquals(4, a.n(), "vectors before 15.5 s - 10 s = 5.5 s are out");
            assertClose(Volume.ofRows(late.toArray(new float[0][])), a.volume(), "volume of what is left");
            assertEquals(12_000, a.windowStart());
        }
    }

    @Test
    void shouldAgeOutAStarvingClassEvenWithoutNewVectorsOfItsOwn() throws Exception {
        try (TopologyHarness h = new TopologyHarness(Map.of("window.span", "10s", "scale.min-samples", "2"))) {
            Random r = new Random(3);
            for (int i = 0; i < 5; i++) {
                h.send("starving", gaussian(r, 2, 0, 1), i * 100L);
                h.send("busy", gaussian(r, 2, 3, 1), i * 100L);
            }
            h.settle();
            assertEquals(5, h.scales().get("starving").n());
            h.send("busy", gaussian(r, 2, 3, 1), 20_000L);
            h.settle();
            assertEquals(0, h.scales().get("starving").n());
            assertFalse(h.scales().get("starving").hasScale());
        }
    }

    @Test
    void shouldCountAndDropLateRecords() throws Exception {
        try (TopologyHarness h = new TopologyHarness(Map.of("window.span", "10s"))) {
            h.send("a", new float[] {1, 2}, 50_000L);
            h.send("a", new float[] {3, 4}, 10_000L);
            h.settle();
            assertEquals(1, h.metrics.view(View.MODEL).late());
            assertEquals(1, h.scales().get("a").n());
        }
    }

    @Test
    void shouldPublishTheGoldenScalesAndWeightsWhenTheirSamplesAreStreamed() throws Exception {
        for (ScaleCase c : GoldenCases.scaleCases()) {
            try (TopologyHarness h = new TopologyHarness(Map.of(
                    "scale.alpha",
                    Double.toString(c.alpha()),
                    "scale.min-samples",
                    "2",
                    "window.max-per-class",
                    "4096"))) {
                long t = 0;
                for (var e : c.classes().entrySet()) {
                    for (float[] row : e.getValue()) {
                        h.send(e.getKey(), row, t++);
                    }
                }
                h.settle();
                Map<String, ScaleRecord> got = h.scales();
                assertEquals(c.expected().keySet(), got.keySet(), c.name());
                for (var e : c.expected().entrySet()) {
                    ScaleRecord s = got.get(e.getKey());
                    Expected x = e.getValue();
                    String where = c.name() + " class " + e.getKey() + " ";
                    assertEquals(x.n(), s.n(), where + "n");
                    assertClose(x.volume(), s.volume(), where + "volume");
                    assertClose(x.volumeNormalized(), s.volumeNormalized(), where + "volumeNormalized");
                    assertClose(x.distanceWeight(), s.distanceWeight(), where + "distanceWeight");
                    assertClose(x.scale(), s.scale(), where + "scale");
                    assertClose(x.weight(), s.weight(), where + "weight");
                }
                String scrape = h.registry.scrape();
                assertTrue(
                        scrape.contains("ssi_semantic_scale{class=\"0\",view=\"model\"}"),
                        "per-class gauges are exported");
            }
        }
    }

    @Test
    void shouldEmitAlertWhenScaleRatioFallsBelowThresholdAndRecoverOnlyAboveHysteresis() throws Exception {
        // Two classes; "thin" shrinks its spread until S_thin / S_wide < 0.15, then widens back: it must
        // stay UNDERREPRESENTED until the ratio exceeds 0.15 x 4 = 0.6.
        Map<String, String> cfg = Map.of(
                "alert.threshold",
                "0.15",
                "alert.hysteresis",
                "4",
                "scale.min-samples",
                "2",
                "window.max-per-class",
                "40",
                "scale.alpha",
                "1");
        try (TopologyHarness h = new TopologyHarness(cfg)) {
            Random r = new Random(4);
            long t = 0;
            double[] spreads = {1.0, 0.05, 0.3, 1.0};
            List<Double> ratios = new ArrayList<>();
            List<Boolean> states = new ArrayList<>();
            for (double spread : spreads) {
                for (int i = 0; i < 40; i++) {
                    h.send("wide", gaussian(r, 8, 0, 1), t);
                    h.send("thin", gaussian(r, 8, 4, spread), t++);
                }
                h.settle();
                ScaleRecord thin = h.scales().get("thin");
                ScaleRecord wide = h.scales().get("wide");
                ratios.add(thin.scale() / Math.max(thin.scale(), wide.scale()));
                states.add(thin.underrepresented());
            }
            assertTrue(ratios.get(0) > 0.6 && !states.get(0), "equal spreads: fine " + ratios);
            assertTrue(ratios.get(1) < 0.15 && states.get(1), "tight: underrepresented " + ratios);
            assertTrue(
                    ratios.get(2) >= 0.15 && ratios.get(2) <= 0.6 && states.get(2),
                    "between threshold and recovery: still underrepresented " + ratios);
            assertTrue(ratios.get(3) > 0.6 && !states.get(3), "wide again: recovered " + ratios);
            List<String> alerts = h.alerts();
            assertEquals(2, alerts.size(), alerts.toString());
            assertTrue(alerts.get(0).contains("\"label\":\"thin\"")
                    && alerts.get(0).contains("UNDERREPRESENTED"));
            assertTrue(alerts.get(1).contains("RECOVERED"));
            assertTrue(h.registry.scrape().contains("ssi_alerts_total{state=\"UNDERREPRESENTED\",view=\"model\"} 1.0"));
        }
    }

    @Test
    void shouldPublishTheSaturationGainOfTheWindowAgainstItsHalvesAndSaturateOnlyAClassWithManyVectorsPerDimension()
            throws Exception {
        // 16-d Gaussians: "few" holds 12 vectors (fewer than dimensions: half of them span far less), "many" the
        // last 300 of 401 (about 19 per dimension: half of them span nearly as much).
        try (TopologyHarness h = new TopologyHarness(Map.of("window.max-per-class", "300", "scale.min-samples", "2"))) {
            Random r = new Random(8);
            List<float[]> few = new ArrayList<>();
            List<float[]> many = new ArrayList<>();
            for (int i = 0; i < 401; i++) {
                float[] v = gaussian(r, 16, 0, 1);
                many.add(v);
                h.send("many", v, i);
                if (i < 12) {
                    float[] w = gaussian(r, 16, 5, 1);
                    few.add(w);
                    h.send("few", w, i);
                }
            }
            h.settle();
            for (var e : Map.of("few", few, "many", many.subList(101, 401)).entrySet()) {
                List<float[]> held = e.getValue();
                List<float[]> even = new ArrayList<>();
                List<float[]> odd = new ArrayList<>();
                for (int i = 0; i < held.size(); i++) {
                    (i % 2 == 0 ? even : odd).add(held.get(i));
                }
                double whole = Volume.ofRows(held.toArray(new float[0][]));
                double half =
                        (Volume.ofRows(even.toArray(new float[0][])) + Volume.ofRows(odd.toArray(new float[0][]))) / 2;
                assertClose(
                        Saturation.gain(whole, half),
                        h.scales().get(e.getKey()).saturationGain(),
                        e.getKey() + " gain");
            }
            ScaleRecord f = h.scales().get("few");
            ScaleRecord m = h.scales().get("many");
            assertTrue(f.saturationGain() > 0.3 && !f.saturated(), "few: gain " + f.saturationGain());
            assertTrue(m.saturationGain() < 0.02 && m.saturated(), "many: gain " + m.saturationGain());
            assertTrue(h.registry
                    .scrape()
                    .contains("ssi_class_saturation_gain{class=\"many\",view=\"model\"} " + m.saturationGain()));
        }
    }

    @Test
    void shouldSendEveryKindOfBadRecordToDeadLettersAndLeaveGoodOnesAlone() throws Exception {
        try (TopologyHarness h = new TopologyHarness(Map.of("scale.min-samples", "2"))) {
            Random r = new Random(5);
            List<float[]> good = new ArrayList<>();
            byte[] nanVector = BinaryRecords.encode(new FeatureVector("a", new float[] {1, 2, 3}));
            java.nio.ByteBuffer.wrap(nanVector)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .putFloat(nanVector.length - 4, Float.NaN);
            byte[][] bad = {
                "garbage".getBytes(StandardCharsets.UTF_8), // unreadable
                Arrays.copyOf(BinaryRecords.encode(new FeatureVector("a", new float[] {1, 2, 3})), 20), // truncated
                nanVector, // non-finite
                "{\"label\": \"a\", \"features\": [1, Infinity, 2]}"
                        .getBytes(StandardCharsets.UTF_8), // non-finite JSON
                "{\"label\": \"\", \"features\": [1, 2, 3]}".getBytes(StandardCharsets.UTF_8), // empty label
                BinaryRecords.encode(new FeatureVector("a", new float[] {1, 2})), // wrong dimension for a
                BinaryRecords.encode(new FeatureVector("b", new float[] {1, 2, 3})), // key a, value b
            };
            String[] reasons = {
                "unreadable",
                "truncated",
                "non-finite",
                "non-finite",
                "empty-label",
                "wrong-dimension",
                "label-mismatch"
            };
            for (int i = 0; i < 10; i++) {
                float[] v = gaussian(r, 3, 0, 1);
                good.add(v);
                h.send("a", v, i);
                if (i < bad.length) {
                    h.sendRaw(i == 4 ? null : "a".getBytes(StandardCharsets.UTF_8), bad[i], i);
                }
            }
            h.settle();
            List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
            assertEquals(bad.length, dead.size());
            for (int i = 0; i < bad.length; i++) {
                TestRecord<byte[], byte[]> d = dead.get(i);
                assertEquals(reasons[i], DeadLetterHeaders.get(d.headers(), DeadLetterHeaders.REASON), "record " + i);
                assertEquals("ssi.features", DeadLetterHeaders.get(d.headers(), DeadLetterHeaders.SOURCE_TOPIC));
                assertNotNull(DeadLetterHeaders.get(d.headers(), DeadLetterHeaders.SOURCE_OFFSET));
                assertEquals("streams-app", DeadLetterHeaders.get(d.headers(), DeadLetterHeaders.APP));
                if (i != 5) {
                    assertTrue(Arrays.equals(bad[i], d.value()), "dead letter " + i + " carries the bytes received");
                }
            }
            ScaleRecord a = h.scales().get("a");
            assertEquals(10, a.n(), "the good records are all in the window");
            assertClose(Volume.ofRows(good.toArray(new float[0][])), a.volume(), "good records only");
            assertTrue(
                    h.registry.scrape().contains("ssi_dead_letters_total{reason=\"non-finite\"} 2.0"),
                    h.registry.scrape());
        }
    }

    @Test
    void shouldRepartitionRecordsWithoutAKeyByTheLabelInTheirValue() throws Exception {
        try (TopologyHarness h = new TopologyHarness(Map.of("scale.min-samples", "2"))) {
            Random r = new Random(6);
            List<float[]> vectors = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                float[] v = gaussian(r, 3, 0, 1);
                vectors.add(v);
                if (i % 2 == 0) {
                    h.sendRaw(null, BinaryRecords.encode(new FeatureVector("c", v)), i);
                } else {
                    h.sendRaw(
                            null,
                            org.semanticscale.record.JsonRecords.toJson(new FeatureVector("c", v))
                                    .getBytes(StandardCharsets.UTF_8),
                            i);
                }
            }
            h.settle();
            assertEquals(6, h.scales().get("c").n());
            assertClose(
                    Volume.ofRows(vectors.toArray(new float[0][])),
                    h.scales().get("c").volume(),
                    "volume");
        }
    }

    @Test
    void shouldRebuildItsWindowsFromTheStoreAfterARestartAndGiveEqualResults() throws Exception {
        Map<String, String> cfg = Map.of("window.max-per-class", "50", "scale.min-samples", "2");
        Random r = new Random(7);
        List<float[]> aVectors = new ArrayList<>();
        Map<String, ScaleRecord> uninterrupted;
        Map<String, byte[]> windowChangelog;
        Map<String, byte[]> stateChangelog;
        // 1. First life: 70 vectors of a (cap 50: 20 evicted, spanning chunk boundaries), 30 of b.
        try (TopologyHarness h = new TopologyHarness(cfg)) {
            for (int i = 0; i < 70; i++) {
                float[] v = gaussian(r, 5, 0, 1 + i % 3);
                aVectors.add(v);
                h.send("a", v, i);
                if (i < 30) {
                    h.send("b", gaussian(r, 5, 2, 1), i);
                }
            }
            h.settle();
            uninterrupted = Map.copyOf(h.scales());
            windowChangelog = h.changelog(ScaleTopology.WINDOW_STORE);
            stateChangelog = h.changelog(ScaleTopology.STATE_STORE);
        }
        // 2. Second life: the stores restored from their changelogs (as Kafka Streams does on a new
        //    instance), the caches rebuilt from them, then one more vector.
        try (TopologyHarness h = new TopologyHarness(cfg)) {
            h.restoreStore(ScaleTopology.WINDOW_STORE, windowChangelog);
            h.restoreStore(ScaleTopology.STATE_STORE, stateChangelog);
            float[] extra = gaussian(r, 5, 0, 1);
            aVectors.add(extra);
            h.send("a", extra, 70);
            h.settle();
            ScaleRecord a = h.scales().get("a");
            assertEquals(50, a.n());
            assertClose(
                    Volume.ofRows(aVectors.subList(aVectors.size() - 50, aVectors.size())
                            .toArray(new float[0][])),
                    a.volume(),
                    "volume after the restart");
            ScaleRecord b = h.scales().get("b");
            assertEquals(uninterrupted.get("b").n(), b.n());
            assertClose(uninterrupted.get("b").volume(), b.volume(), "b's volume is as before");
        }
    }
}
