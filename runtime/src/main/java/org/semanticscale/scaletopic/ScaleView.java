package org.semanticscale.scaletopic;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.semanticscale.config.KafkaRefusals;
import org.semanticscale.record.RecordFormatException;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.record.ScaleRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newest scale record of every class on the compacted scales topic: the one reader of
 * {@code ssi.scales}, for the trainer's weights, the demo's table and the experiment's report.
 *
 * <p>A background thread assigns every partition of the topic (no consumer group: every view reads
 * everything), reads from the start and keeps the newest record per label; a tombstone (null value)
 * removes its class. It reads committed records only: the streams-app writes with exactly-once, so a
 * record of an aborted transaction was never published and must never be shown.
 *
 * <p>A record that cannot be read is counted, logged the first time its kind of failure occurs, and
 * handed to the dead-letter callback when there is one; reading goes on.
 */
public final class ScaleView implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleView.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long one metadata request may take before it is asked again (the broker may still be starting). */
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    /** How often to look again for a topic that does not exist yet (the apps create it). */
    private static final long TOPIC_RETRY_MILLIS = 500;

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** The reason given for a tombstone without a key: it names no class to remove. */
    public static final String TOMBSTONE_WITHOUT_KEY = "tombstone-without-key";

    /** Where unreadable records go; the trainer's dead-letter sink, for one. */
    @FunctionalInterface
    public interface DeadLetters {
        /** @param reason a short machine-readable code, e.g. {@code unreadable} */
        void send(ConsumerRecord<byte[], byte[]> record, String reason, String detail);
    }

    /** Told of every change, on the reading thread: keep it short. */
    @FunctionalInterface
    public interface Listener {
        /** @param labels the classes whose record changed or was removed in this change */
        void changed(ScaleSnapshot snapshot, Set<String> labels);
    }

    /** Starts a view of {@code topic}; see {@link Builder}. */
    public static Builder reading(Properties kafka, String topic) {
        return new Builder(kafka, topic);
    }

    /** What a view reads and whom it tells; {@code opt} methods are optional. */
    public static final class Builder {
        private final Properties kafka;
        private final String topic;
        private String clientId;
        private DeadLetters deadLetters = (record, reason, detail) -> {};
        private Listener listener = (snapshot, labels) -> {};

        private Builder(Properties kafka, String topic) {
            this.kafka = kafka;
            this.topic = topic;
        }

        /** Names the consumer in the broker's logs and quotas (Kafka makes one up otherwise). */
        public Builder optClientId(String id) {
            this.clientId = id;
            return this;
        }

        /** Where unreadable records go besides the count (nowhere by default). */
        public Builder optDeadLetters(DeadLetters d) {
            this.deadLetters = d;
            return this;
        }

        public Builder optListener(Listener l) {
            this.listener = l;
            return this;
        }

        /** Starts reading in the background. */
        public ScaleView start() {
            ScaleView view = new ScaleView(
                    consumer(),
                    kafka.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG),
                    topic,
                    deadLetters,
                    listener);
            view.thread.start();
            return view;
        }

        private KafkaConsumer<byte[], byte[]> consumer() {
            Properties p = new Properties();
            p.putAll(kafka);
            p.remove(ConsumerConfig.GROUP_ID_CONFIG);
            if (clientId != null) {
                p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
            }
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            // A reader must not create the topic: the apps create it compacted, with their partition count.
            p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
            return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String bootstrapServers;
    private final String topic;
    private final DeadLetters deadLetters;
    private final Listener listener;
    private final Thread thread;
    private final AtomicReference<ScaleSnapshot> snapshot = new AtomicReference<>(ScaleSnapshot.EMPTY);
    /** Opened when the end offsets at start are reached, or when reading stops without reaching them. */
    private final CountDownLatch caughtUp = new CountDownLatch(1);

    private volatile boolean readToEndAtStart;
    private final AtomicLong unreadable = new AtomicLong();
    /** Kinds of failure logged so far (reading thread only): each is logged once. */
    private final Set<String> loggedReasons = new HashSet<>();

    private volatile String failure;
    private volatile boolean running = true;

    private ScaleView(
            KafkaConsumer<byte[], byte[]> consumer,
            String bootstrapServers,
            String topic,
            DeadLetters deadLetters,
            Listener listener) {
        this.consumer = consumer;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.thread = new Thread(this::run, "ssi-scales-" + topic);
        thread.setDaemon(true);
    }

    /**
     * Waits until everything the topic held when reading began has been read, so that a caller does
     * not start from an empty view while the scales are already there.
     *
     * @return false when the timeout passed first (the topic may not exist yet) or the view was closed
     * @throws IllegalStateException when the topic cannot be read, saying why
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return readToEndAtStart;
    }

    /** The topic this view reads. */
    public String topic() {
        return topic;
    }

    /** The newest record of every class read so far ({@link ScaleSnapshot#EMPTY} before any). */
    public ScaleSnapshot snapshot() {
        return snapshot.get();
    }

    /** How many records could not be read (tombstones without a key among them). */
    public long unreadableRecords() {
        return unreadable.get();
    }

    /** Why reading stopped, or null while it runs (or after a clean close). */
    public String failure() {
        return failure;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            if (partitions.isEmpty()) {
                return; // closed while waiting
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // With read_committed these are the last stable offsets: an open transaction is not waited for.
            Map<TopicPartition, Long> endAtStart = consumer.endOffsets(partitions);
            LOG.info("reading scales from {} ({} partitions)", topic, partitions.size());
            while (running) {
                apply(consumer.poll(POLL));
                if (caughtUp.getCount() > 0 && reached(endAtStart)) {
                    LOG.info(
                            "read the scales of {} classes from {}",
                            snapshot.get().byLabel().size(),
                            topic);
                    readToEndAtStart = true;
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // close() woke the consumer
        } catch (RuntimeException e) {
            if (running) {
                failure = KafkaRefusals.describe(e, bootstrapServers, "the reader of " + topic)
                                .orElse("reading the scales on " + topic + " stopped: " + e)
                        + "; the view keeps the scales read so far";
                LOG.error(failure, e);
            }
        } finally {
            caughtUp.countDown(); // nobody waits for a reader that has stopped
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        }
    }

    /** The topic's partitions once it exists; empty when the view was closed first. */
    private List<TopicPartition> awaitPartitions() {
        boolean told = false;
        while (running) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            } catch (TimeoutException e) {
                infos = List.of(); // no broker answered yet: ask again
            }
            if (!infos.isEmpty()) {
                return infos.stream()
                        .map(i -> new TopicPartition(topic, i.partition()))
                        .toList();
            }
            if (!told) {
                LOG.info("waiting for the scales topic {} to exist", topic);
                told = true;
            }
            try {
                Thread.sleep(TOPIC_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.of();
    }

    private boolean reached(Map<TopicPartition, Long> endAtStart) {
        for (Map.Entry<TopicPartition, Long> e : endAtStart.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecords<byte[], byte[]> records) {
        Map<String, ScaleRecord> put = new HashMap<>();
        Set<String> removed = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.value() == null) {
                if (r.key() == null) {
                    unreadable(r, TOMBSTONE_WITHOUT_KEY, "a tombstone without a key names no class to remove");
                    continue;
                }
                String label = new String(r.key(), StandardCharsets.UTF_8);
                put.remove(label);
                removed.add(label);
                continue;
            }
            try {
                ScaleRecord scale = ScaleRecords.fromJson(r.value());
                put.put(scale.label(), scale);
                removed.remove(scale.label());
            } catch (RecordFormatException e) {
                unreadable(r, e.reason().code(), e.getMessage());
            }
        }
        if (put.isEmpty() && removed.isEmpty()) {
            return;
        }
        ScaleSnapshot next = snapshot.get().with(put, removed);
        snapshot.set(next);
        Set<String> changed = new HashSet<>(put.keySet());
        changed.addAll(removed);
        try {
            listener.changed(next, Set.copyOf(changed));
        } catch (RuntimeException e) {
            LOG.warn("a listener of {} failed on a change of {}: {}", topic, changed, e.toString(), e);
        }
    }

    private void unreadable(ConsumerRecord<byte[], byte[]> r, String reason, String detail) {
        unreadable.incrementAndGet();
        if (loggedReasons.add(reason)) {
            LOG.warn(
                    "unreadable record on {}-{}@{} ({}): {}; further ones of this kind are counted, not logged",
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    reason,
                    detail);
        }
        try {
            deadLetters.send(r, reason, detail);
        } catch (RuntimeException e) {
            // The record is counted either way; a sink that cannot send must not stop the reading.
            LOG.warn("could not dead-letter {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
        }
    }

    /** Stops reading and closes the consumer. Idempotent. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(CLOSE_TIMEOUT.toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
