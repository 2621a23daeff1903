package org.semanticscale.weights;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.semanticscale.kafka.DeadLetterSink;
import org.semanticscale.record.RecordFormatException;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.scaletopic.ScaleSnapshot;
import org.semanticscale.record.ScaleRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background thread that reads the compacted {@code ssi.scales} topic from its start and keeps
 * the newest record of every class. The trainer reads {@link #latest()} at each step, so a step
 * never waits for Kafka. Unreadable records are dead-lettered; a null value (tombstone) removes a class.
 */
public final class ScaleSubscriber implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleSubscriber.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** How often to look again for a scales topic that has no partitions yet. */
    private static final long RETRY_MILLIS = 1000;

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final DeadLetterSink deadLetters;
    private final AtomicReference<ScaleSnapshot> latest = new AtomicReference<>(ScaleSnapshot.EMPTY);
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private Map<TopicPartition, Long> endAtStart = Map.of();
    private volatile boolean running = true;

    public ScaleSubscriber(Consumer<byte[], byte[]> consumer, String topic, DeadLetterSink deadLetters) {
        this.consumer = consumer;
        this.topic = topic;
        this.deadLetters = deadLetters;
        this.thread = new Thread(this::run, "ssi-trainer-scales");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private boolean started() {
        return thread.getState() != Thread.State.NEW;
    }

    /**
     * Waits until everything the topic held at start has been read, so that a restarted trainer in
     * BALANCE does not train its first steps without the weights that are already there.
     *
     * @return false when the timeout passed first (training then starts with what has been read)
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The newest scales read so far ({@link ScaleSnapshot#EMPTY} before any). */
    public ScaleSnapshot latest() {
        return latest.get();
    }

    private void run() {
        try {
            if (!assignAll()) {
                return;
            }
            while (running) {
                apply(consumer.poll(POLL));
                if (caughtUp.getCount() > 0 && readToEndAtStart()) {
                    LOG.info("read the scales of {} classes from {}", latest.get().byLabel().size(), topic);
                    caughtUp.countDown();
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("the scales reader of {} stopped: {}; the trainer keeps the last weights it read", topic, e.toString(), e);
            }
        } finally {
            caughtUp.countDown(); // nobody waits for a reader that has stopped
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    private boolean assignAll() {
        while (running) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                endAtStart = consumer.endOffsets(partitions, Duration.ofSeconds(5));
                LOG.info("reading scales from {} ({} partitions)", topic, partitions.size());
                return true;
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private boolean readToEndAtStart() {
        for (Map.Entry<TopicPartition, Long> e : endAtStart.entrySet()) {
            if (consumer.position(e.getKey(), Duration.ofSeconds(5)) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(Iterable<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, ScaleRecord> put = new HashMap<>();
        List<String> removed = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.value() == null) {
                if (r.key() != null) {
                    String label = new String(r.key(), StandardCharsets.UTF_8);
                    removed.add(label);
                    put.remove(label);
                }
                continue;
            }
            try {
                ScaleRecord scale = ScaleRecords.fromJson(r.value());
                put.put(scale.label(), scale);
                removed.remove(scale.label());
            } catch (RecordFormatException e) {
                deadLetters.send(r, e.reason().code(), e.getMessage());
            }
        }
        if (!put.isEmpty() || !removed.isEmpty()) {
            latest.set(latest.get().with(put, removed));
        }
    }

    /** Stops the thread and closes the consumer. */
    @Override
    public void close() {
        running = false;
        if (!started()) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            return;
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
