package org.semanticscale.replay;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.LabelledTensor;

/**
 * Sends a {@link ReplayPlan} to the samples topic: key = sample id, value = the binary sample tensor
 * (label, the data set's sample shape, float32 data). Paced to {@code rate} samples per second when
 * positive; stoppable from another thread. A caller may ask when a given sample was sent ({@link #optMark}).
 */
public final class SampleReplayer {
    private final Properties kafka;
    private final String topic;
    private final AtomicBoolean stop = new AtomicBoolean();
    /** Whom to tell the send time of a position of the plan, by position. */
    private final Map<Integer, LongConsumer> marks = new ConcurrentHashMap<>();

    /** @param kafka producer settings, at least bootstrap.servers */
    public SampleReplayer(Properties kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    /**
     * Asks to be told the wall-clock time (epoch ms) at which the sample at {@code position} of the plan is handed
     * to the producer: right after that send, on the replaying thread (keep it short); never when the replay ends
     * before it. Call before {@link #replay}.
     */
    public SampleReplayer optMark(int position, LongConsumer epochMillis) {
        marks.put(position, epochMillis);
        return this;
    }

    /**
     * Sends the plan and waits until every sample is acknowledged.
     *
     * @param progress told the number of samples handed to the producer so far, now and then
     * @return how many samples were sent (fewer than planned only when stopped)
     */
    public long replay(LabelledVectors train, ReplayPlan plan, double rate, LongConsumer progress) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        AtomicReference<Exception> failure = new AtomicReference<>();
        int[] shape = train.sampleShape();
        long start = System.nanoTime();
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < plan.size() && !stop.get(); i++) {
                if (failure.get() != null) {
                    break;
                }
                pace(i, rate, start);
                int row = plan.row(i);
                String id = plan.sampleId(i);
                byte[] value = BinaryRecords.encode(new LabelledTensor(train.label(row), shape, train.row(row), id));
                producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), value), (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                sent++;
                LongConsumer mark = marks.isEmpty() ? null : marks.get(i);
                if (mark != null) {
                    mark.accept(System.currentTimeMillis());
                }
                if (sent % 256 == 0) {
                    progress.accept(sent);
                }
            }
            producer.flush();
        }
        progress.accept(sent);
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "sending to " + topic + " failed: " + failure.get().getMessage(), failure.get());
        }
        return sent;
    }

    /** Asks a running replay to stop after the sample in flight. */
    public void stop() {
        stop.set(true);
    }

    private void pace(long index, double rate, long startNanos) {
        if (rate <= 0) {
            return;
        }
        long due = startNanos + (long) (index * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 1_000_000) {
            try {
                Thread.sleep(wait / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.set(true);
            }
        }
    }
}
