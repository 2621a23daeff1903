package org.semanticscale.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.streams.StreamsApp;
import org.semanticscale.streams.StreamsAppConfig;
import org.semanticscale.streams.topology.ScaleTopology;
import org.semanticscale.testkit.Await;
import org.semanticscale.testkit.KafkaIo;

/**
 * Local state left by one cluster must never be published in another (issue 14): the same
 * state.dir and application.id against a new, empty cluster, and against the same cluster after
 * the app's internal topics were deleted.
 */
class StaleStateIT {
    private static final String APP = "ssi-it-stale-state";
    private static final int DIMENSION = 8;

    @TempDir
    Path stateDir;

    private EmbeddedKafkaBroker first;
    private EmbeddedKafkaBroker second;

    @BeforeEach
    void startFirstCluster() throws Exception {
        first = EmbeddedKafkaBroker.start();
    }

    @AfterEach
    void stopClusters() {
        if (second != null) {
            second.close();
        }
        first.close();
    }

    @Test
    void aNewClusterPublishesOnlyTheClassesItsStreamCarried() throws Exception {
        // 1. The first cluster: two classes of 2,000 vectors each, until both are published; a clean stop.
        runUntilPublished(first, Map.of("old-a", 2_000, "old-b", 2_000));

        // 2. A new, empty cluster, the same state.dir and application.id: 30 vectors of two new classes.
        second = EmbeddedKafkaBroker.start();
        Map<String, ScaleRecord> published = runUntilPublished(second, Map.of("new-a", 30, "new-b", 30));

        // 3. Only the new classes, and their weights are shared between the two of them alone.
        assertEquals(Set.of("new-a", "new-b"), published.keySet(), "classes on the new cluster's scales topic");
        assertEquals(
                1.0,
                published.get("new-a").weight() + published.get("new-b").weight(),
                1e-9,
                "the two new classes' weights sum to one: no other class entered them");
    }

    @Test
    void deletingTheChangelogsResetsTheLocalStateToo() throws Exception {
        // 1. Two classes, published; a clean stop leaves checkpointed local stores.
        runUntilPublished(first, Map.of("old-a", 2_000, "old-b", 2_000));
        KafkaIo kafka = KafkaIo.of(first.bootstrapServers());
        try (Admin admin = kafka.admin()) {
            // 2. An operator's reset: delete the app's changelog topics. (Deleting its repartition topics
            // too only adds the consumer's ~40 s wait for them to reappear; the changelogs are what matter.)
            List<String> changelogs = ScaleTopology.changelogTopics(config(first));
            assertTrue(admin.listTopics().names().get().containsAll(changelogs), "the changelogs exist: " + changelogs);
            admin.deleteTopics(changelogs).all().get();
        }
        long scalesEnd = kafka.endOffsets(config(first).scalesTopic()).get(0);

        // 3. Restarted on the same cluster with new classes: what it publishes from now on names only them.
        Map<String, ScaleRecord> after = runUntilPublished(first, Map.of("new-a", 30, "new-b", 30), scalesEnd);
        assertEquals(Set.of("new-a", "new-b"), after.keySet(), "classes published after the reset");
        assertEquals(1.0, after.get("new-a").weight() + after.get("new-b").weight(), 1e-9);
    }

    private Map<String, ScaleRecord> runUntilPublished(EmbeddedKafkaBroker broker, Map<String, Integer> counts)
            throws Exception {
        return runUntilPublished(broker, counts, 0);
    }

    /**
     * Starts the app, produces the classes, waits until each is published with its full count, and
     * stops the app cleanly. Returns what the scales topic holds from {@code fromOffset} to its end.
     */
    private Map<String, ScaleRecord> runUntilPublished(
            EmbeddedKafkaBroker broker, Map<String, Integer> counts, long fromOffset) throws Exception {
        StreamsAppConfig config = config(broker);
        try (StreamsApp app = StreamsApp.start(config)) {
            assertTrue(app.awaitRunning(Duration.ofSeconds(60)), "RUNNING, state " + app.state());
            produce(broker, config.featuresTopic(), counts);
            KafkaIo kafka = KafkaIo.of(broker.bootstrapServers());
            Map<String, ScaleRecord> latest = new TreeMap<>();
            Await.until(
                    "every class published with its full count",
                    Duration.ofSeconds(60),
                    () -> {
                        latest.clear();
                        latest.putAll(StreamsAppIT.latest(
                                kafka.readCommitted(config.scalesTopic(), Duration.ofSeconds(30)).stream()
                                        .filter(r -> r.offset() >= fromOffset)
                                        .toList()));
                        return complete(latest, counts);
                    },
                    () -> "published: " + latest);
            return latest;
        }
    }

    private static boolean complete(Map<String, ScaleRecord> latest, Map<String, Integer> counts) {
        return counts.entrySet().stream().allMatch(e -> {
            ScaleRecord r = latest.get(e.getKey());
            return r != null && r.n() == e.getValue() && r.hasScale();
        });
    }

    private StreamsAppConfig config(EmbeddedKafkaBroker broker) {
        return StreamsAppConfig.of(Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "application.id", APP,
                "state.dir", stateDir.toString(),
                "topics.partitions", "2",
                "scale.interval", "200ms",
                "scale.publish-interval", "100ms",
                "scale.min-samples", "4",
                "metrics.port", "0",
                // Kafka Streams does not leave its group on close: a restart on the same cluster waits
                // for the old member's session to expire (45 s by default).
                "kafka.session.timeout.ms", "6000"));
    }

    private static void produce(EmbeddedKafkaBroker broker, String topic, Map<String, Integer> counts)
            throws Exception {
        Random random = new Random(14);
        long t = System.currentTimeMillis();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        counts.forEach((label, n) -> {
            for (int i = 0; i < n; i++) {
                float[] x = new float[DIMENSION];
                for (int j = 0; j < DIMENSION; j++) {
                    x[j] = (float) random.nextGaussian();
                }
                records.add(new ProducerRecord<>(
                        topic,
                        null,
                        t,
                        label.getBytes(StandardCharsets.UTF_8),
                        BinaryRecords.encode(new FeatureVector(label, x, 1, ""))));
            }
        });
        KafkaIo.of(broker.bootstrapServers()).sendAll(records);
    }
}
