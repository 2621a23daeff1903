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
            assertTrue(metrics.contains("ssi_semantic_scale{class=\"9\"}"), "per-class scale gauge");
            assertTrue(metrics.contains("ssi_imbalance_ratio"), "imbalance ratio");
            assertTrue(metrics.contains("kafka_stream_"), "Kafka Streams metrics");
            assertTrue(metrics.contains("ssi_scale_publish_latency_seconds"), "latency");
            assertEquals(200, Scrape.health(app.metricsPort()));
        }
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
