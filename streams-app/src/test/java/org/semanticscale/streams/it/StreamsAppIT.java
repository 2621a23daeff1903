package org.semanticscale.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.deadletter.DeadLetterHeaders;
import org.semanticscale.golden.GoldenCases;
import org.semanticscale.golden.GoldenCases.Expected;
import org.semanticscale.golden.GoldenCases.ScaleCase;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.record.LabelledTensor;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.record.ScaleRecords;
import org.semanticscale.streams.StreamsApp;
import org.semanticscale.streams.StreamsAppConfig;
import org.semanticscale.testkit.Await;
import org.semanticscale.testkit.KafkaIo;
import org.semanticscale.testkit.Scrape;

/** The streams-app against a real in-process KRaft broker, with exactly-once processing. */
class StreamsAppIT {
    private static EmbeddedKafkaBroker broker;
    private static KafkaIo kafka;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        kafka = KafkaIo.of(broker.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void publishesTheGoldenScalesForFeaturesProducedToARealBroker() throws Exception {
        ScaleCase golden = GoldenCases.scaleCases().stream()
                .filter(c -> c.name().equals("lt-10-classes"))
                .findFirst()
                .orElseThrow();
        StreamsAppConfig config = StreamsAppConfig.of(Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "application.id", "ssi-it-golden",
                "state.dir", stateDir.toString(),
                "scale.interval", "300ms",
                "scale.publish-interval", "100ms",
                "scale.min-samples", "2",
                "scale.alpha", Double.toString(golden.alpha()),
                "metrics.port", "0"));

        // 1. Start the app: it creates its topics and reaches RUNNING.
        try (StreamsApp app = StreamsApp.start(config)) {
            assertTrue(app.awaitRunning(Duration.ofSeconds(60)), "the app reaches RUNNING, state " + app.state());

            // 2. Produce the golden long-tailed classes keyed by label, with three bad records among them.
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            long t = System.currentTimeMillis();
            for (var e : golden.classes().entrySet()) {
                byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
                for (float[] row : e.getValue()) {
                    records.add(new ProducerRecord<>(
                            config.featuresTopic(),
                            null,
                            t,
                            key,
                            BinaryRecords.encode(new FeatureVector(e.getKey(), row, 1, ""))));
                }
            }
            records.add(new ProducerRecord<>(
                    config.featuresTopic(),
                    "0".getBytes(StandardCharsets.UTF_8),
                    "junk".getBytes(StandardCharsets.UTF_8)));
            records.add(new ProducerRecord<>(
                    config.featuresTopic(),
                    "0".getBytes(StandardCharsets.UTF_8),
                    BinaryRecords.encode(new FeatureVector("0", new float[] {1, 2}))));
            records.add(new ProducerRecord<>(
                    config.featuresTopic(),
                    null,
                    "{\"label\": \"3\", \"features\": [NaN]}".getBytes(StandardCharsets.UTF_8)));
            kafka.sendAll(records);

            // 3. Read ssi.scales until every class shows its full count, then compare with the core.
            Map<String, ScaleRecord> scales = new HashMap<>();
            Await.until(
                    "every class published with its full window",
                    Duration.ofSeconds(60),
                    () -> {
                        scales.clear();
                        scales.putAll(latest(kafka.readCommitted(config.scalesTopic(), Duration.ofSeconds(30))));
                        return complete(scales, golden);
                    },
                    () -> "published: " + scales.keySet());
            for (var e : golden.expected().entrySet()) {
                ScaleRecord s = scales.get(e.getKey());
                Expected x = e.getValue();
                assertClose(x.volume(), s.volume(), "volume of " + e.getKey());
                assertClose(x.scale(), s.scale(), "S of " + e.getKey());
                assertClose(x.weight(), s.weight(), "weight of " + e.getKey());
                assertEquals(1, s.modelVersion());
            }

            // 4. The bad records are dead letters with their reasons; the good ones were unaffected (above).
            List<String> reasons = kafka.awaitRecords(config.deadLettersTopic(), 3, Duration.ofSeconds(30)).stream()
                    .map(r -> DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.REASON))
                    .toList();
            assertEquals(
                    List.of("non-finite", "unreadable", "wrong-dimension"),
                    reasons.stream().sorted().toList());

            // 5. /metrics has the per-class gauges and the Kafka Streams metrics; /health says UP.
            String metrics = Scrape.of(app.metricsPort()).text();
            assertTrue(metrics.contains("ssi_semantic_scale{class=\"9\",view=\"model\"}"), "per-class scale gauge");
            assertTrue(metrics.contains("ssi_imbalance_ratio"), "imbalance ratio");
            assertTrue(metrics.contains("kafka_stream_"), "Kafka Streams metrics");
            assertTrue(metrics.contains("ssi_scale_publish_latency_seconds"), "latency");
            assertEquals(200, Scrape.health(app.metricsPort()));
        }
    }

    @Test
    void collapsesAClassAtItsUsualRateAndRemembersItAcrossARestart() throws Exception {
        StreamsAppConfig config = collapseConfig(
                "collapse",
                Map.of(
                        "alert.threshold",
                        "0.05",
                        // Static membership: the restarted instance takes its partitions back at once instead of
                        // waiting for the closed one's session (45 s) to expire, as in the reliability tests.
                        "kafka.group.instance.id",
                        "ssi-it-collapse-instance"));
        Random random = new Random(31);
        String collapsedC = "ssi_class_collapsed{class=\"c\",view=\"model\"}";
        String baselineC = "ssi_class_volume_baseline{class=\"c\",view=\"model\"}";

        // 1. Start; send rounds of three equally diverse classes (64 vectors each, a full window) until c has
        //    a baseline: alert.baseline-min (1 s) of history.
        try (StreamsApp app = StreamsApp.start(config)) {
            assertTrue(app.awaitRunning(Duration.ofSeconds(60)), "the app reaches RUNNING, state " + app.state());
            Await.until("a baseline for c", Duration.ofSeconds(60), () -> {
                kafka.sendAll(round(config, random, 1.0));
                return Double.isFinite(Scrape.of(app.metricsPort()).value(baselineC));
            });

            // 2. c keeps its 64 vectors a round but their spread falls to 0.6: it collapses.
            Await.until("c collapsed", Duration.ofSeconds(60), () -> {
                kafka.sendAll(round(config, random, 0.6));
                return Scrape.of(app.metricsPort()).value(collapsedC) == 1;
            });
        }

        // 3. A restart on the same state directory: c is published as collapsed again, from its stored state.
        try (StreamsApp app = StreamsApp.start(config)) {
            assertTrue(app.awaitRunning(Duration.ofSeconds(60)), "the app reaches RUNNING again, state " + app.state());
            Await.until("c published after the restart", Duration.ofSeconds(60), () -> {
                kafka.sendAll(round(config, random, 0.6));
                return !Double.isNaN(Scrape.of(app.metricsPort()).value(collapsedC));
            });
            assertEquals(1, Scrape.of(app.metricsPort()).value(collapsedC), "still collapsed after the restart");

            // 4. c diverse again: it recovers.
            Await.until("c recovered", Duration.ofSeconds(60), () -> {
                kafka.sendAll(round(config, random, 1.0));
                return Scrape.of(app.metricsPort()).value(collapsedC) == 0;
            });
        }

        // 5. On the alerts topic: one COLLAPSED and one RECOVERED for c, both of cause own-drop, none repeated
        //    across the restart; the count did not move (n = baselineN): a collapse only the semantics show.
        List<com.fasterxml.jackson.databind.JsonNode> alerts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readCommitted(config.alertsTopic(), Duration.ofSeconds(30))) {
            com.fasterxml.jackson.databind.JsonNode a = JSON.readTree(r.value());
            if (a.get("label").asText().equals("c") && a.get("cause").asText().equals("own-drop")) {
                alerts.add(a);
            }
        }
        assertEquals(
                List.of("COLLAPSED", "RECOVERED"),
                alerts.stream().map(a -> a.get("state").asText()).toList(),
                alerts.toString());
        com.fasterxml.jackson.databind.JsonNode collapse = alerts.get(0);
        assertEquals(COLLAPSE_WINDOW, collapse.get("n").asLong());
        assertEquals(COLLAPSE_WINDOW, collapse.get("baselineN").asLong());
        assertTrue(
                collapse.get("volume").asDouble()
                        < 0.7 * collapse.get("baselineVolume").asDouble(),
                collapse.toString());
    }

    @Test
    void alertsAClassNarrowedAtItsUsualRateFromLabelledSamplesAloneWithNoTrainer() throws Exception {
        StreamsAppConfig config = collapseConfig("input", Map.of());
        Random random = new Random(41);
        List<float[]> pool = new ArrayList<>();
        String collapsedC = "ssi_class_collapsed{class=\"c\",view=\"input\"}";
        String baselineC = "ssi_class_volume_baseline{class=\"c\",view=\"input\"}";

        // 1. Start the app with the input view on its defaults (784-value samples sketched to 256-d); no trainer,
        //    no features: rounds of five equally diverse classes of labelled samples until c has a baseline.
        try (StreamsApp app = StreamsApp.start(config)) {
            assertTrue(app.awaitRunning(Duration.ofSeconds(60)), "the app reaches RUNNING, state " + app.state());
            Await.until("a baseline for c in the input view", Duration.ofSeconds(90), () -> {
                kafka.sendAll(sampleRound(config, random, pool));
                return Double.isFinite(Scrape.of(app.metricsPort()).value(baselineC));
            });

            // 2. c keeps its 64 samples a round, now all drawn from three near-identical images: it collapses.
            float[] anchor = image(random, 2);
            for (int k = 0; k < 3; k++) {
                float[] x = anchor.clone();
                for (int i = 0; i < x.length; i++) {
                    x[i] += (float) (0.02 * random.nextGaussian());
                }
                pool.add(x);
            }
            Await.until("c collapsed in the input view", Duration.ofSeconds(60), () -> {
                kafka.sendAll(sampleRound(config, random, pool));
                return Scrape.of(app.metricsPort()).value(collapsedC) == 1;
            });

            // 3. Every class has its input scale on the input-scales topic; the model view published nothing.
            //    The gauge moves when stage B decides, the record is readable once its transaction commits:
            //    read until c's collapsed record is there.
            Map<String, ScaleRecord> input = new HashMap<>();
            Await.until(
                    "c's collapsed record committed on the input-scales topic",
                    Duration.ofSeconds(30),
                    () -> {
                        input.clear();
                        input.putAll(latest(kafka.readCommitted(config.inputScalesTopic(), Duration.ofSeconds(30))));
                        return input.containsKey("c") && input.get("c").collapsed();
                    },
                    () -> "published: " + input);
            assertEquals(List.of("a", "b", "c", "d", "e"), List.copyOf(input.keySet()));
            for (ScaleRecord s : input.values()) {
                assertTrue(s.hasScale() && s.n() == COLLAPSE_WINDOW, s.toString());
            }
            assertTrue(input.get("c").collapsed());
            assertTrue(kafka.readCommitted(config.scalesTopic(), Duration.ofSeconds(5))
                    .isEmpty());
        }

        // 4. On the alerts topic: c's COLLAPSED of cause own-drop from the input view, at an unchanged count.
        List<com.fasterxml.jackson.databind.JsonNode> alerts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readCommitted(config.alertsTopic(), Duration.ofSeconds(30))) {
            alerts.add(JSON.readTree(r.value()));
        }
        List<com.fasterxml.jackson.databind.JsonNode> collapses = alerts.stream()
                .filter(a -> a.get("state").asText().equals("COLLAPSED"))
                .toList();
        assertEquals(1, collapses.size(), alerts.toString());
        com.fasterxml.jackson.databind.JsonNode collapse = collapses.get(0);
        assertEquals("c", collapse.get("label").asText());
        assertEquals("input", collapse.get("view").asText());
        assertEquals("own-drop", collapse.get("cause").asText());
        assertEquals(COLLAPSE_WINDOW, collapse.get("n").asLong());
        assertEquals(COLLAPSE_WINDOW, collapse.get("baselineN").asLong());
        assertTrue(alerts.stream().allMatch(a -> a.get("view").asText().equals("input")), alerts.toString());
    }

    /**
     * The collapse tests' settings: topics, application id and state of their own ({@code it-<name>.*}), windows of
     * {@value #COLLAPSE_WINDOW}, fast intervals and a 3.2 s baseline with 1 s of history needed; then {@code extra}.
     */
    private StreamsAppConfig collapseConfig(String name, Map<String, String> extra) {
        String topics = "it-" + name + ".";
        Map<String, String> settings = new HashMap<>(Map.ofEntries(
                Map.entry("kafka.bootstrap.servers", broker.bootstrapServers()),
                Map.entry("application.id", "ssi-it-" + name),
                Map.entry("state.dir", stateDir.toString()),
                Map.entry("topics.features", topics + "features"),
                Map.entry("topics.samples", topics + "samples"),
                Map.entry("topics.scales", topics + "scales"),
                Map.entry("topics.input-scales", topics + "input-scales"),
                Map.entry("topics.alerts", topics + "alerts"),
                Map.entry("topics.dead-letters", topics + "dead-letters"),
                Map.entry("window.max-per-class", Integer.toString(COLLAPSE_WINDOW)),
                Map.entry("scale.interval", "100ms"),
                Map.entry("scale.publish-interval", "100ms"),
                Map.entry("scale.min-samples", "2"),
                Map.entry("alert.baseline", "3200ms"),
                Map.entry("alert.baseline-min", "1s"),
                Map.entry("metrics.port", "0")));
        settings.putAll(extra);
        return StreamsAppConfig.of(settings);
    }

    /** A 28 x 28 "image" of class {@code c}: noise in [0, 1) with a bright band of rows of its own. */
    private static float[] image(Random random, int c) {
        float[] x = new float[784];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat() * (i / 28 / 5 == c ? 1f : 0.3f);
        }
        return x;
    }

    /** One round: 64 labelled samples of each of a..e keyed by sample id; c drawn from {@code poolOfC} when it has any. */
    private static List<ProducerRecord<byte[], byte[]>> sampleRound(
            StreamsAppConfig config, Random random, List<float[]> poolOfC) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        String[] labels = {"a", "b", "c", "d", "e"};
        for (int c = 0; c < labels.length; c++) {
            for (int i = 0; i < COLLAPSE_WINDOW; i++) {
                boolean narrowed = labels[c].equals("c") && !poolOfC.isEmpty();
                float[] x = narrowed ? poolOfC.get(random.nextInt(poolOfC.size())) : image(random, c);
                String id = labels[c] + "-" + now + "-" + i;
                out.add(new ProducerRecord<>(
                        config.samplesTopic(),
                        null,
                        now,
                        id.getBytes(StandardCharsets.UTF_8),
                        BinaryRecords.encode(new LabelledTensor(labels[c], new int[] {28, 28}, x, id))));
            }
        }
        return out;
    }

    private static final int COLLAPSE_WINDOW = 64;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** One round: 64 vectors (8-d) of a, b and c around centres 10 apart on their own axes; c with the given spread. */
    private static List<ProducerRecord<byte[], byte[]>> round(StreamsAppConfig config, Random random, double spreadC) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        String[] labels = {"a", "b", "c"};
        for (int c = 0; c < labels.length; c++) {
            double spread = labels[c].equals("c") ? spreadC : 1.0;
            for (int i = 0; i < COLLAPSE_WINDOW; i++) {
                float[] v = new float[8];
                for (int k = 0; k < v.length; k++) {
                    v[k] = (float) (spread * random.nextGaussian() + (k == c ? 10 : 0));
                }
                out.add(new ProducerRecord<>(
                        config.featuresTopic(),
                        null,
                        now,
                        labels[c].getBytes(StandardCharsets.UTF_8),
                        BinaryRecords.encode(new FeatureVector(labels[c], v, 1, ""))));
            }
        }
        return out;
    }

    private static boolean complete(Map<String, ScaleRecord> scales, ScaleCase golden) {
        for (var e : golden.expected().entrySet()) {
            ScaleRecord s = scales.get(e.getKey());
            if (s == null || s.n() != e.getValue().n() || !s.hasScale()) {
                return false;
            }
        }
        // Scales of all classes settle together once the last class is complete.
        return scales.values().stream().allMatch(s -> golden.expected().containsKey(s.label()))
                && GoldenCases.close(
                        golden.expected().get("0").weight(),
                        scales.get("0").weight(),
                        GoldenCases.INCREMENTAL_TOLERANCE);
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(
                GoldenCases.close(expected, actual, GoldenCases.INCREMENTAL_TOLERANCE),
                what + ": " + expected + " vs " + actual);
    }

    /** The newest scale of each class in these records of a scales topic; a tombstone removes its class. */
    static Map<String, ScaleRecord> latest(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, ScaleRecord> out = new TreeMap<>();
        records.forEach(r -> {
            String label = new String(r.key(), StandardCharsets.UTF_8);
            if (r.value() == null) {
                out.remove(label);
            } else {
                out.put(label, ScaleRecords.fromJson(r.value()));
            }
        });
        return out;
    }
}
