package org.semanticscale.scaletopic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.record.ScaleRecords;
import org.semanticscale.testkit.KafkaIo;
import org.semanticscale.topic.TopicSpec;
import org.semanticscale.topic.Topics;

/** {@link ScaleView} against a real in-process KRaft broker; each test has its own topic. */
class ScaleViewIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static EmbeddedKafkaBroker broker;
    private static KafkaIo kafka;

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
    void shouldNeverShowTheScalesOfAnAbortedTransaction() throws Exception {
        createTopic("aborted.scales", 3);

        // 1. Committed: a at weight 0.2. Aborted: a at 0.9 and a new class b. Committed again: c.
        try (KafkaProducer<byte[], byte[]> producer = kafka.transactionalProducer("scale-view-it-aborted")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(scaleRecord("aborted.scales", scale("a", 0.2)));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(scaleRecord("aborted.scales", scale("a", 0.9)));
            producer.send(scaleRecord("aborted.scales", scale("b", 0.5)));
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(scaleRecord("aborted.scales", scale("c", 0.3)));
            producer.commitTransaction();
        }

        // 2. Once the view has read to the topic's end, it holds the committed scales only.
        try (ScaleView view =
                ScaleView.reading(clientProperties(), "aborted.scales").start()) {
            assertTrue(view.awaitCaughtUp(WAIT), "the view reads to the end of the topic");
            ScaleSnapshot s = view.snapshot();
            assertEquals(Set.of("a", "c"), s.byLabel().keySet());
            assertEquals(0.2, s.get("a").weight(), "the aborted update of a is not shown");
            assertEquals(0.3, s.get("c").weight());
        }
    }

    @Test
    void shouldRemoveAClassOnATombstoneAndKeepReading() throws Exception {
        createTopic("tombstone.scales", 1);
        kafka.sendAll(List.of(
                scaleRecord("tombstone.scales", scale("a", 0.4)), scaleRecord("tombstone.scales", scale("b", 0.6))));
        CountDownLatch cSeen = new CountDownLatch(1);
        List<Set<String>> changes = new CopyOnWriteArrayList<>();
        ScaleView.Listener listener = (snapshot, labels) -> {
            changes.add(labels);
            if (snapshot.get("c") != null) {
                cSeen.countDown();
            }
        };

        try (ScaleView view = ScaleView.reading(clientProperties(), "tombstone.scales")
                .optListener(listener)
                .start()) {
            assertTrue(view.awaitCaughtUp(WAIT));
            assertEquals(Set.of("a", "b"), view.snapshot().byLabel().keySet());

            // 1. A tombstone for a, then a record of a new class c behind it on the same partition.
            kafka.sendAll(List.of(
                    new ProducerRecord<>("tombstone.scales", bytes("a"), null),
                    scaleRecord("tombstone.scales", scale("c", 0.1))));

            // 2. c arrives, so the reader survived the tombstone; a is gone, b is untouched.
            assertTrue(cSeen.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "c is read after the tombstone");
            ScaleSnapshot s = view.snapshot();
            assertEquals(Set.of("b", "c"), s.byLabel().keySet());
            assertEquals(0.6, s.get("b").weight());
            assertNull(view.failure());
            assertEquals(0, view.unreadableRecords());
            assertTrue(
                    changes.stream().anyMatch(labels -> labels.contains("a") && !labels.contains("b")),
                    "the listener is told that a changed: " + changes);
        }
    }

    @Test
    void shouldCountAndDeadLetterAnUnreadableRecordAndKeepReading() throws Exception {
        createTopic("unreadable.scales", 1);
        kafka.sendAll(List.of(
                new ProducerRecord<>("unreadable.scales", bytes("x"), bytes("not a scale record")),
                scaleRecord("unreadable.scales", scale("a", 0.7))));
        record DeadLetter(String key, long offset, String reason) {}
        List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
        ScaleView.DeadLetters sink = (record, reason, detail) -> deadLetters.add(
                new DeadLetter(new String(record.key(), StandardCharsets.UTF_8), record.offset(), reason));

        try (ScaleView view = ScaleView.reading(clientProperties(), "unreadable.scales")
                .optDeadLetters(sink)
                .start()) {
            assertTrue(view.awaitCaughtUp(WAIT));
            assertEquals(1, view.unreadableRecords());
            assertEquals(List.of(new DeadLetter("x", 0, "unreadable")), deadLetters);
            assertEquals(0.7, view.snapshot().get("a").weight(), "the record after the bad one is read");
        }
    }

    private static ScaleRecord scale(String label, double weight) {
        return new ScaleRecord(
                label,
                100,
                3.0,
                0.5,
                1.2,
                0.1 / weight,
                weight,
                1.0,
                false,
                false,
                5,
                0,
                1,
                Double.NaN,
                false,
                Double.NaN);
    }

    private static ProducerRecord<byte[], byte[]> scaleRecord(String topic, ScaleRecord r) {
        return new ProducerRecord<>(topic, bytes(r.label()), bytes(ScaleRecords.toJson(r)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Properties clientProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return p;
    }

    private static void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = kafka.admin()) {
            Topics.ensure(admin, List.of(TopicSpec.compacted(name, partitions, (short) 1)), WAIT.toMillis());
        }
    }
}
