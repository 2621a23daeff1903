package org.semanticscale.streams.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.semanticscale.deadletter.DeadLetterHeaders;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.record.LabelledTensor;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.sketch.Sketcher;
import org.semanticscale.streams.StreamsAppConfig;
import org.semanticscale.streams.metrics.StreamsAppMetrics;

/**
 * The input view on the real topology: labelled samples on the samples topic, sketched by the fixed projection,
 * give scales on the input-scales topic and alerts with {@code "view": "input"}, with no features at all; bad
 * samples are dead-lettered; the model view is left as it was.
 */
class InputViewTest {
    /** 8 x 8 "images": 64 values, sketched to 32 dimensions. */
    private static final int[] SHAPE = {8, 8};

    private static final int LENGTH = 64;
    private static final int PER_ROUND = 40;

    private static final Map<String, String> CONFIG = Map.of(
            "input.dimension", "32",
            "window.max-per-class", Integer.toString(PER_ROUND),
            "scale.min-samples", "2",
            "alert.baseline", "64s",
            "alert.baseline-min", "5s");

    private final Random random = new Random(33);
    /** Event time of the next sample: increasing, so nothing is late. */
    private long t;

    private int sampleNumber;

    /** An input of class {@code axis}: a bright pixel of its own on a noisy background of the given spread. */
    private float[] image(int axis, double spread) {
        float[] x = new float[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            x[i] = (float) (spread * random.nextGaussian() + (i == axis ? 10 : 0));
        }
        return x;
    }

    /**
     * One round: {@code PER_ROUND} samples of every class. A class with a pool draws them from its few inputs
     * (near-duplicates, as an upstream filter or a stuck source leaves them); the others get fresh ones.
     */
    private void round(TopologyHarness h, Map<String, List<float[]>> pools) {
        int axis = 0;
        for (var e : pools.entrySet()) {
            for (int i = 0; i < PER_ROUND; i++) {
                List<float[]> pool = e.getValue();
                float[] x = pool.isEmpty() ? image(axis, 1) : pool.get(random.nextInt(pool.size()));
                h.sendSample("s-" + sampleNumber++, e.getKey(), SHAPE, x, t++);
            }
            axis++;
        }
        h.settle();
    }

    private static Map<String, List<float[]>> pools(List<float[]> poolOfC) {
        Map<String, List<float[]>> m = new LinkedHashMap<>();
        m.put("a", List.of());
        m.put("b", List.of());
        m.put("c", poolOfC);
        return m;
    }

    @Test
    void shouldPublishInputScalesFromSamplesAloneAsTheModelViewWouldFromTheirSketches() throws Exception {
        try (TopologyHarness samplesOnly = new TopologyHarness(CONFIG);
                TopologyHarness sketchesAsFeatures = new TopologyHarness(CONFIG)) {
            // 1. Samples only, no trainer: the input view publishes a scale per class; the model view nothing.
            Sketcher sketcher = new Sketcher(
                    samplesOnly.config.inputProjection(),
                    samplesOnly.config.inputSeed(),
                    samplesOnly.config.inputDimension());
            String[] labels = {"a", "b", "c"};
            for (int i = 0; i < 3 * PER_ROUND; i++) {
                String label = labels[i % 3];
                float[] x = image(i % 3, 1);
                samplesOnly.sendSample("s-" + i, label, SHAPE, x, i);
                // 2. The same sketches sent as features to another topology's model view.
                float[] sketch = sketcher.sketch(new LabelledTensor(label, SHAPE, x, ""));
                sketchesAsFeatures.sendRaw(
                        label.getBytes(StandardCharsets.UTF_8),
                        BinaryRecords.encode(new FeatureVector(label, sketch)),
                        i);
            }
            samplesOnly.settle();
            sketchesAsFeatures.settle();

            Map<String, ScaleRecord> input = samplesOnly.inputScales();
            assertEquals(List.of("a", "b", "c"), List.copyOf(input.keySet()));
            assertTrue(samplesOnly.scales().isEmpty(), "nothing on the model view's scales topic");
            for (String label : labels) {
                ScaleRecord in = input.get(label);
                ScaleRecord model = sketchesAsFeatures.scales().get(label);
                assertEquals(PER_ROUND, in.n());
                assertTrue(in.volume() > 0 && Double.isFinite(in.scale()), in.toString());
                // The input view is the windows of the sketches, exactly as the model view keeps features.
                assertEquals(model.volume(), in.volume(), 0, label);
                assertEquals(model.scale(), in.scale(), 0, label);
                assertEquals(FeatureVector.NO_MODEL_VERSION, in.modelVersion());
            }
            String scrape = samplesOnly.registry.scrape();
            assertTrue(scrape.contains("ssi_semantic_scale{class=\"a\",view=\"input\"} "
                    + input.get("a").scale()));
            assertFalse(scrape.contains("ssi_semantic_scale{class=\"a\",view=\"model\"}"), scrape);
            assertTrue(scrape.contains("ssi_records_processed_total{view=\"input\"} 120.0"), scrape);
            assertTrue(scrape.contains("ssi_records_processed_total{view=\"model\"} 0.0"), scrape);
            assertTrue(samplesOnly.deadLetters().isEmpty());
        }
    }

    @Test
    void shouldAlertCollapsedInTheInputViewWhenAClassNarrowsAtEqualCount() throws Exception {
        try (TopologyHarness h = new TopologyHarness(CONFIG)) {
            // 1. Eight rounds of equally diverse classes: a baseline for each (5 s of history needed).
            for (int r = 0; r < 8; r++) {
                round(h, pools(List.of()));
            }
            ScaleRecord before = h.inputScales().get("c");
            assertTrue(Double.isFinite(before.baselineVolume()), "baseline established: " + before);
            assertTrue(h.alertNodes().isEmpty(), h.alerts().toString());

            // 2. c keeps its 40 samples a round, all drawn from 3 near-identical inputs: a class narrowed at
            //    an unchanged count.
            float[] anchor = image(2, 1);
            List<float[]> narrow = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                float[] x = anchor.clone();
                for (int i = 0; i < LENGTH; i++) {
                    x[i] += (float) (0.05 * random.nextGaussian());
                }
                narrow.add(x);
            }
            round(h, pools(narrow));

            ScaleRecord collapsed = h.inputScales().get("c");
            assertTrue(collapsed.collapsed(), collapsed.toString());
            assertEquals(PER_ROUND, collapsed.n(), "the count did not move");
            List<JsonNode> own = h.alertNodes().stream()
                    .filter(a -> a.get("cause").asText().equals("own-drop"))
                    .toList();
            assertEquals(1, own.size(), h.alerts().toString());
            JsonNode alert = own.get(0);
            assertEquals("c", alert.get("label").asText());
            assertEquals("input", alert.get("view").asText());
            assertEquals("COLLAPSED", alert.get("state").asText());
            assertEquals(PER_ROUND, alert.get("n").asLong());
            assertEquals(PER_ROUND, alert.get("baselineN").asLong(), "n equal to baselineN: semantic-only");
            assertTrue(alert.get("volume").asDouble()
                    < 0.7 * alert.get("baselineVolume").asDouble());
            for (JsonNode a : h.alertNodes()) {
                assertEquals("input", a.get("view").asText(), "no feature arrived: every alert is the input view's");
            }

            String scrape = h.registry.scrape();
            assertTrue(scrape.contains("ssi_class_collapsed{class=\"c\",view=\"input\"} 1.0"), scrape);
            assertTrue(scrape.contains("ssi_class_collapsed{class=\"a\",view=\"input\"} 0.0"), scrape);
            assertTrue(scrape.contains("ssi_alerts_total{state=\"COLLAPSED\",view=\"input\"} 1.0"), scrape);
            assertTrue(scrape.contains("ssi_alerts_total{state=\"COLLAPSED\",view=\"model\"} 0.0"), scrape);
        }
    }

    @Test
    void shouldAlertUnderrepresentedInTheInputViewForAClassNarrowFromTheStart() throws Exception {
        try (TopologyHarness h = new TopologyHarness(CONFIG)) {
            // c is narrow from its first sample: 40 samples a round like the others, from 2 inputs.
            List<float[]> narrow = List.of(image(2, 1), image(2, 1));
            for (int r = 0; r < 3; r++) {
                round(h, pools(narrow));
            }
            ScaleRecord c = h.inputScales().get("c");
            assertTrue(c.underrepresented(), c.toString());
            JsonNode alert = h.alertNodes().get(0);
            assertEquals("UNDERREPRESENTED", alert.get("state").asText());
            assertEquals("input", alert.get("view").asText());
            assertEquals("c", alert.get("label").asText());
        }
    }

    @Test
    void shouldDeadLetterBadSamplesAndKeepTheGoodOnes() throws Exception {
        try (TopologyHarness h = new TopologyHarness(CONFIG)) {
            h.sendSample("ok-0", "a", SHAPE, image(0, 1), 0);
            // NaN cannot be encoded by the writer: the last value of the binary layout is patched by hand.
            byte[] nonFinite = BinaryRecords.encode(new LabelledTensor("a", SHAPE, image(0, 1), "nan"));
            java.nio.ByteBuffer.wrap(nonFinite)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .putFloat(nonFinite.length - 4, Float.NaN);
            byte[][] bad = {
                "not a sample".getBytes(StandardCharsets.UTF_8),
                BinaryRecords.encode(new FeatureVector("a", new float[] {1, 2})),
                "{\"label\":\"\",\"shape\":[2],\"data\":[1,2]}".getBytes(StandardCharsets.UTF_8),
                BinaryRecords.encode(new LabelledTensor("a", new int[] {4}, new float[] {1, 2, 3, 4}, "short")),
                BinaryRecords.encode(new LabelledTensor("big", new int[] {1 << 20}, new float[1 << 20], "big")),
                nonFinite,
                null,
            };
            String[] reasons = {
                "unreadable", "wrong-kind", "empty-label", "wrong-dimension", "too-large", "non-finite", "truncated"
            };
            int t0 = 1;
            for (byte[] value : bad) {
                h.sendRawSample(("bad-" + t0).getBytes(StandardCharsets.UTF_8), value, t0++);
            }
            for (int i = 1; i < PER_ROUND; i++) {
                h.sendSample("ok-" + i, "a", SHAPE, image(0, 1), t0++);
            }
            h.settle();

            // Each as received, with its reason, and named by where it was read: the samples topic, offsets 1 to 7.
            List<TestRecord<byte[], byte[]>> dead = h.deadLetters();
            assertEquals(List.of(reasons), headers(dead, DeadLetterHeaders.REASON));
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7"), headers(dead, DeadLetterHeaders.SOURCE_OFFSET));
            assertEquals(Set.of("ssi.samples"), Set.copyOf(headers(dead, DeadLetterHeaders.SOURCE_TOPIC)));
            for (int i = 0; i < bad.length; i++) {
                assertArrayEquals(bad[i], dead.get(i).value(), "dead letter " + i + " carries the bytes received");
            }
            assertEquals(PER_ROUND, h.inputScales().get("a").n(), "the good samples are all in the window");
            String scrape = h.registry.scrape();
            assertTrue(scrape.contains("ssi_dead_letters_total{reason=\"too-large\"} 1.0"), scrape);
        }
    }

    private static List<String> headers(List<TestRecord<byte[], byte[]>> records, String name) {
        return records.stream()
                .map(r -> DeadLetterHeaders.get(r.headers(), name))
                .toList();
    }

    @Test
    void shouldLeaveTheInputViewOutWhenDisabled() {
        StreamsAppConfig off = StreamsAppConfig.of(Map.of("input.enabled", "false"));
        TopologyDescription d =
                ScaleTopology.build(off, new StreamsAppMetrics(10)).describe();
        assertFalse(d.toString().contains("input-"), d.toString());
        assertFalse(d.toString().contains("ssi.samples"), d.toString());
        assertEquals(
                List.of("ssi-streams-app-class-windows-changelog", "ssi-streams-app-class-states-changelog"),
                ScaleTopology.changelogTopics(off));

        StreamsAppConfig on = StreamsAppConfig.of(Map.of());
        assertEquals(
                List.of(
                        "ssi-streams-app-class-windows-changelog",
                        "ssi-streams-app-class-states-changelog",
                        "ssi-streams-app-input-class-windows-changelog",
                        "ssi-streams-app-input-class-states-changelog"),
                ScaleTopology.changelogTopics(on));
        String described =
                ScaleTopology.build(on, new StreamsAppMetrics(10)).describe().toString();
        assertTrue(described.contains("ssi.samples") && described.contains(ScaleTopology.INPUT_WINDOW_STORE));
        assertTrue(described.contains(ScaleTopology.INPUT_CLASS_SUMMARIES));
    }
}
