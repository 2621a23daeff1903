package org.semanticscale.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.reliability.harness.BrokerCluster;
import org.semanticscale.reliability.harness.Figures;
import org.semanticscale.reliability.harness.Logs;
import org.semanticscale.testkit.Await;
import org.semanticscale.testkit.KafkaIo;

/**
 * Three {@code ssi broker} processes as one KRaft cluster: a node started alone waits for the
 * others and says so; then a topic with three replicas and two in
 * sync takes {@code acks=all} writes and serves a consumer group while one broker is SIGKILLed, loses
 * nothing, and has the broker back in every ISR once it is restarted.
 */
class ClusterIT {
    private static final String TOPIC = "replicated";
    private static final int PARTITIONS = 3;
    private static final String GROUP = "cluster-it";
    private static final int BATCH = 2_000;
    private static final Set<Integer> ALL = Set.of(1, 2, 3);

    @TempDir
    Path dir;

    @Test
    void shouldLoseNoAcknowledgedRecordWhenOneOfThreeBrokersIsKilledAndTakeItBackAfterARestart() throws Exception {
        Figures figures = new Figures("cluster");
        Path logs = Logs.dir("cluster");
        long t0 = System.nanoTime();
        try (BrokerCluster cluster = BrokerCluster.of(3, dir, logs)) {
            // 1. One node alone waits for the others, and says so while it waits.
            cluster.startNode(1);
            cluster.process(1)
                    .awaitLog(
                            Pattern.quote("node 1 waits for the controller quorum " + cluster.controllerQuorum()),
                            0,
                            Duration.ofSeconds(60));
            cluster.process(1)
                    .awaitLog("node 1 still waits for the controller quorum after \\d+ s", 0, Duration.ofSeconds(60));
            assertFalse(cluster.process(1).log().contains(BrokerCluster.READY), "not ready without a quorum");
            long others = System.nanoTime();
            cluster.startNode(2);
            cluster.startNode(3);
            for (int node = 1; node <= 3; node++) {
                cluster.awaitReady(node);
            }
            figures.put("other two nodes started to all three ready, s", seconds(others));
            KafkaIo kafka = KafkaIo.of(cluster.bootstrapServers());
            try (Admin admin = kafka.admin()) {
                // 2. Three replicas per partition, two of which must have every acknowledged write.
                admin.createTopics(List.of(
                                new NewTopic(TOPIC, PARTITIONS, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                        .all()
                        .get(60, TimeUnit.SECONDS);
                awaitInSync(admin, ALL);

                // 3. The first batch with acks=all; a consumer group reads it and commits (on the offsets topic,
                //    itself replicated three times).
                kafka.sendAll(records(0, BATCH));
                assertEquals(values(0, BATCH), consume(kafka, BATCH));

                // 4. A crash of the broker leading partition 0, and at once the second batch: written to the two
                //    left, the group reading on from where it committed.
                int victim = leader(admin, 0);
                cluster.kill(victim);
                long killed = System.nanoTime();
                kafka.sendAll(records(BATCH, 2 * BATCH));
                figures.put("kill to second batch acknowledged (acks=all), s", seconds(killed));
                Set<Integer> left = new TreeSet<>(ALL);
                left.remove(victim);
                awaitInSync(admin, left);
                assertEquals(values(BATCH, 2 * BATCH), consume(kafka, BATCH));
                assertTrue(leader(admin, 0) != victim, "partition 0 has a new leader");

                // 5. Nothing lost, nothing twice, read from the two brokers left.
                List<ConsumerRecord<byte[], byte[]>> all = kafka.readCommitted(TOPIC, Duration.ofSeconds(60));
                assertEquals(2 * BATCH, all.size(), "every record once");
                assertEquals(values(0, 2 * BATCH), valuesOf(all));

                // 6. The broker back on its data directory: it catches up and rejoins every ISR.
                long restarted = System.nanoTime();
                cluster.restart(victim);
                awaitInSync(admin, ALL);
                figures.put("restart to back in every ISR, s", seconds(restarted))
                        .put("killed node", victim)
                        .put("records acknowledged and read", all.size());
            }
        } finally {
            figures.put("test, s", seconds(t0)).write();
        }
    }

    private static List<ProducerRecord<byte[], byte[]>> records(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> new ProducerRecord<>(TOPIC, utf8("k-" + i), utf8(Integer.toString(i))))
                .toList();
    }

    private static Set<String> values(int from, int to) {
        return IntStream.range(from, to).mapToObj(Integer::toString).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> valuesOf(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Reads {@code count} records as the group (from its committed offsets, or the start), commits, and
     * returns their values; fails on a duplicate.
     */
    private static Set<String> consume(KafkaIo kafka, int count) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            Await.until(
                    count + " records read by group " + GROUP,
                    Duration.ofSeconds(60),
                    () -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                        return read.size() >= count;
                    },
                    () -> read.size() + " read");
            consumer.commitSync(Duration.ofSeconds(30));
        }
        Set<String> values = valuesOf(read);
        assertEquals(read.size(), values.size(), "no record read twice");
        return values;
    }

    private static int leader(Admin admin, int partition) throws Exception {
        return describe(admin).partitions().get(partition).leader().id();
    }

    /** Waits until the ISR of every partition of the topic is exactly {@code nodes}. */
    private static void awaitInSync(Admin admin, Set<Integer> nodes) throws Exception {
        Map<Integer, Set<Integer>> isr = new TreeMap<>();
        Await.until(
                "every partition of " + TOPIC + " in sync on nodes " + nodes,
                Duration.ofSeconds(60),
                () -> {
                    isr.clear();
                    describe(admin)
                            .partitions()
                            .forEach(p -> isr.put(
                                    p.partition(),
                                    p.isr().stream().map(Node::id).collect(Collectors.toSet())));
                    return isr.values().stream().allMatch(nodes::equals);
                },
                () -> "ISR per partition: " + isr);
    }

    private static TopicDescription describe(Admin admin) throws Exception {
        return admin.describeTopics(List.of(TOPIC))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(TOPIC);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
