package org.semanticscale.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

/** The streams-app against a real in-process KRaft broker, with exactly-once processing. */
class StreamsAppIT {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void publishesTheGoldenScalesForFeaturesProducedToARealBroker() throws Exception {
        ScaleCase golden = GoldenCases.scaleCases().stream().filter(c -> c.name().equals("lt-10-classes")).findFirst().orElseThrow();
        Path stateDir = Files.createTempDirectory("ssi-streams-it-");
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
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                long t = System.currentTimeMillis();
                for (var e : golden.classes().entrySet()) {
                    byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
                    for (float[] row : e.getValue()) {
                        producer.send(new ProducerRecord<>(config.featuresTopic(), null, t, key,
                                BinaryRecords.encode(new FeatureVector(e.getKey(), row, 1, ""))));
                    }
                }
                producer.send(new ProducerRecord<>(config.featuresTopic(), "0".getBytes(StandardCharsets.UTF_8), "junk".getBytes(StandardCharsets.UTF_8)));
                producer.send(new ProducerRecord<>(config.featuresTopic(), "0".getBytes(StandardCharsets.UTF_8),
                        BinaryRecords.encode(new FeatureVector("0", new float[] {1, 2}))));
                producer.send(new ProducerRecord<>(config.featuresTopic(), null,
                        "{\"label\": \"3\", \"features\": [NaN]}".getBytes(StandardCharsets.UTF_8)));
                producer.flush();
            }

            // 3. Consume ssi.scales until every class shows its full count, then compare with the core.
            Map<String, ScaleRecord> scales = new HashMap<>();
            try (KafkaConsumer<String, String> consumer = consumer(new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(Set.of(config.scalesTopic()));
                long deadline = System.currentTimeMillis() + 60_000;
                while (System.currentTimeMillis() < deadline && !complete(scales, golden)) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        scales.put(r.key(), ScaleRecords.fromJson(r.value().getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
            assertTrue(complete(scales, golden), "every class published with its full window: " + scales.keySet());
            for (var e : golden.expected().entrySet()) {
                ScaleRecord s = scales.get(e.getKey());
                Expected x = e.getValue();
                assertClose(x.volume(), s.volume(), "volume of " + e.getKey());
                assertClose(x.scale(), s.scale(), "S of " + e.getKey());
                assertClose(x.weight(), s.weight(), "weight of " + e.getKey());
                assertEquals(1, s.modelVersion());
            }

            // 4. The bad records are dead letters with their reasons; the good ones were unaffected (above).
            List<String> reasons = new java.util.ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(Set.of(config.deadLettersTopic()));
                long deadline = System.currentTimeMillis() + 30_000;
                while (System.currentTimeMillis() < deadline && reasons.size() < 3) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        reasons.add(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.REASON));
                    }
                }
            }
            assertEquals(Set.of("unreadable", "wrong-dimension", "non-finite"), Set.copyOf(reasons));

            // 5. /metrics has the per-class gauges and the Kafka Streams metrics; /health says UP.
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + app.metricsPort();
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("ssi_semantic_scale{class=\"9\"}"), "per-class scale gauge");
            assertTrue(metrics.contains("ssi_imbalance_ratio"), "imbalance ratio");
            assertTrue(metrics.contains("kafka_stream_"), "Kafka Streams metrics");
            assertTrue(metrics.contains("ssi_scale_publish_latency_seconds"), "latency");
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
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
                && GoldenCases.close(golden.expected().get("0").weight(), scales.get("0").weight(), GoldenCases.INCREMENTAL_TOLERANCE);
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(GoldenCases.close(expected, actual, GoldenCases.INCREMENTAL_TOLERANCE), what + ": " + expected + " vs " + actual);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static <K, V> KafkaConsumer<K, V> consumer(org.apache.kafka.common.serialization.Deserializer<K> k,
                                                        org.apache.kafka.common.serialization.Deserializer<V> v) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, k, v);
    }
}
