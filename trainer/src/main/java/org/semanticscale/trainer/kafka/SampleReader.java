package org.semanticscale.trainer.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.semanticscale.trainer.checkpoint.SampleSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the samples topic from positions the trainer chooses. It assigns itself every partition
 * (no group rebalancing: one model learns from the whole stream) and starts each at the offset of
 * the trainer's checkpoint, or at the start or end of the log when there is none. Offsets are
 * committed only when the trainer says so, after a checkpoint, and only for lag monitoring: the
 * checkpoint, not the group, is where a restart resumes.
 */
public final class SampleReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SampleReader.class);

    private final Consumer<byte[], byte[]> consumer;
    private final SampleSource source;
    private final String topic;

    public SampleReader(Consumer<byte[], byte[]> consumer, SampleSource source) {
        this.consumer = consumer;
        this.source = source;
        this.topic = source.topic();
    }

    /** The log this reader reads: what its offsets mean. */
    public SampleSource source() {
        return source;
    }

    /**
     * Assigns every partition of the topic and seeks.
     *
     * @param resume       next offset to read per partition, from the checkpoint (may be empty)
     * @param fromEarliest where partitions without a checkpoint offset start: the log's start or end
     * @return the partitions assigned
     */
    public List<Integer> assign(Map<Integer, Long> resume, boolean fromEarliest, Duration timeout) {
        // A topic created a moment ago may not be in the metadata yet: ask again until the timeout.
        long deadline = System.nanoTime() + timeout.toNanos();
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        while ((infos == null || infos.isEmpty()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            infos = consumer.partitionsFor(topic, timeout);
        }
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException(
                    "topic " + topic + " has no partitions after " + timeout.toSeconds() + " s");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        consumer.assign(partitions);
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long offset = resume.get(tp.partition());
            if (offset != null) {
                consumer.seek(tp, offset);
            } else {
                fresh.add(tp);
            }
        }
        // An empty collection would mean every assigned partition to seekToBeginning/seekToEnd.
        if (!fresh.isEmpty() && fromEarliest) {
            consumer.seekToBeginning(fresh);
        } else if (!fresh.isEmpty()) {
            consumer.seekToEnd(fresh);
        }
        return partitions.stream().map(TopicPartition::partition).sorted().toList();
    }

    /**
     * The next records, in offset order per partition. An offset that is no longer in the log
     * (retention removed it before the trainer got there) is reported and reading goes on from the
     * log's start: those samples are gone either way.
     */
    public Iterable<ConsumerRecord<byte[], byte[]>> poll(Duration timeout) {
        try {
            return consumer.poll(timeout);
        } catch (OffsetOutOfRangeException e) {
            LOG.error(
                    "offsets {} of {} are no longer in the log (deleted by retention?): continuing from the earliest offsets kept",
                    e.offsetOutOfRangePartitions(),
                    topic);
            consumer.seekToBeginning(e.offsetOutOfRangePartitions().keySet());
            return List.of();
        }
    }

    /** Commits the given next offsets under the trainer's group; failures only cost lag visibility. */
    public void commit(Map<Integer, Long> nextOffsets) {
        if (nextOffsets.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        nextOffsets.forEach((p, o) -> offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warn(
                    "could not commit offsets {} of {} (only lag monitoring is affected): {}",
                    new TreeMap<>(nextOffsets),
                    topic,
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
