package org.semanticscale.trainer.train;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.semanticscale.trainer.kafka.DeadLetterSink;
import org.semanticscale.trainer.kafka.SampleReader;
import org.semanticscale.trainer.sample.Sample;
import org.semanticscale.trainer.sample.SampleCheck;
import org.semanticscale.trainer.sample.SampleValidator;

/**
 * Assembles mini-batches from the samples topic, in offset order: each record is checked, refused
 * ones go to the dead letters, accepted ones into the batch. A batch is handed out when it is full,
 * when its first sample has waited {@code maxWait} (a slow stream still trains), or when the trainer
 * stops. Records polled but not yet taken stay queued here: they are not part of any offset until a
 * batch takes them, so a checkpoint never covers a record that was not trained or dead-lettered.
 */
final class SampleBatcher {
    /** How long one poll waits when nothing is queued: bounds how late a stop request is seen. */
    private static final Duration IDLE_POLL = Duration.ofMillis(200);

    private final SampleReader reader;
    private final SampleValidator validator;
    private final DeadLetterSink deadLetters;
    private final int batchSize;
    private final long maxWaitNanos;
    private final BooleanSupplier stopping;
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> queued = new ArrayDeque<>();

    SampleBatcher(
            SampleReader reader,
            SampleValidator validator,
            DeadLetterSink deadLetters,
            int batchSize,
            Duration maxWait,
            BooleanSupplier stopping) {
        this.reader = reader;
        this.validator = validator;
        this.deadLetters = deadLetters;
        this.batchSize = batchSize;
        this.maxWaitNanos = maxWait.toNanos();
        this.stopping = stopping;
    }

    /**
     * The next batch. Empty (possibly with offsets of refused records) when nothing arrived within
     * one idle poll, so the caller can look at its stop flag and checkpoint schedule.
     */
    Batch next() {
        List<Sample> samples = new ArrayList<>(batchSize);
        Map<Integer, Long> offsets = new HashMap<>();
        long deadline = Long.MAX_VALUE;
        while (samples.size() < batchSize) {
            ConsumerRecord<byte[], byte[]> record = queued.poll();
            if (record == null) {
                long now = System.nanoTime();
                if (stopping.getAsBoolean() || now >= deadline) {
                    break;
                }
                Duration wait = deadline == Long.MAX_VALUE
                        ? IDLE_POLL
                        : Duration.ofNanos(Math.min(IDLE_POLL.toNanos(), deadline - now));
                reader.poll(wait).forEach(queued::add);
                if (queued.isEmpty() && samples.isEmpty()) {
                    break;
                }
                continue;
            }
            offsets.put(record.partition(), record.offset() + 1);
            SampleCheck check = validator.check(
                    record.key(),
                    record.value(),
                    () -> record.topic() + "-" + record.partition() + "@" + record.offset());
            if (check instanceof SampleCheck.Accepted accepted) {
                samples.add(accepted.sample());
                if (deadline == Long.MAX_VALUE) {
                    deadline = System.nanoTime() + maxWaitNanos;
                }
            } else if (check instanceof SampleCheck.Rejected rejected) {
                deadLetters.send(record, rejected.reason(), rejected.detail());
            }
        }
        return new Batch(samples, offsets);
    }
}
