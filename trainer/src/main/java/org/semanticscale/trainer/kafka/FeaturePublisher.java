package org.semanticscale.trainer.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.record.RecordFormatException;
import org.semanticscale.trainer.sample.Sample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each trained sample's pooled feature vector to {@code ssi.features}: key = the class
 * label (UTF-8), value = the binary feature record with the model version and the sample id.
 *
 * <p>The training thread only hands over the batch's features ({@link #publish} is a queue put);
 * one background thread encodes and sends them, in order. Encoding and {@code send} cost about a
 * tenth of an MLP step, which would otherwise be on the training thread. The queue is bounded: when
 * the broker cannot keep up, training waits rather than dropping features. {@link #flush} waits
 * until everything handed over is acknowledged, as a checkpoint needs. Failures are counted and the
 * first few logged.
 */
public final class FeaturePublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeaturePublisher.class);
    private static final int LOGGED_FAILURES = 10;
    /** Batches waiting to be sent before training waits: a few hundred milliseconds of steps. */
    private static final int QUEUE_BATCHES = 128;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    private final Thread sender;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;

    public FeaturePublisher(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
        this.sender = new Thread(this::sendLoop, "ssi-trainer-features");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * Queues a batch's features for publishing; waits only when the queue is full.
     *
     * @param features     the batch's features, row after row (not modified afterwards by the caller)
     * @param modelVersion the trainer's step count when the features were computed
     */
    public void publish(List<Sample> batch, float[] features, int featureDim, long modelVersion) {
        enqueue(() -> send(batch, features, featureDim, modelVersion));
    }

    /** Waits until every feature handed over so far has been sent and acknowledged (or failed). */
    public void flush() {
        CountDownLatch drained = new CountDownLatch(1);
        enqueue(drained::countDown);
        try {
            drained.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while flushing features", e);
        }
        producer.flush();
    }

    private void enqueue(Runnable job) {
        if (closed) {
            throw new IllegalStateException("the feature publisher is closed");
        }
        try {
            queue.put(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing features", e);
        }
    }

    private void sendLoop() {
        while (true) {
            Runnable job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                job.run();
            } catch (RuntimeException e) {
                if (failed.incrementAndGet() <= LOGGED_FAILURES) {
                    LOG.error("could not publish features to {}: {}", topic, e.toString());
                }
            }
        }
    }

    private void send(List<Sample> batch, float[] features, int featureDim, long modelVersion) {
        for (int i = 0; i < batch.size(); i++) {
            Sample s = batch.get(i);
            float[] row = Arrays.copyOfRange(features, i * featureDim, (i + 1) * featureDim);
            byte[] value;
            try {
                value = BinaryRecords.encode(new FeatureVector(s.label(), row, modelVersion, s.id()));
            } catch (RecordFormatException e) {
                // Only a diverged model gives NaN features; the streams-app must never see them.
                if (failed.incrementAndGet() <= LOGGED_FAILURES) {
                    LOG.error(
                            "not publishing the features of sample {}: {} (has training diverged?)",
                            s.id(),
                            e.getMessage());
                }
                continue;
            }
            producer.send(
                    new ProducerRecord<>(topic, s.label().getBytes(StandardCharsets.UTF_8), value), this::completed);
            sent.incrementAndGet();
        }
    }

    private void completed(RecordMetadata metadata, Exception error) {
        if (error != null && failed.incrementAndGet() <= LOGGED_FAILURES) {
            LOG.error("could not publish a feature vector to {}: {}", topic, error.getMessage());
        }
    }

    /** Vectors handed to the producer. */
    public long sent() {
        return sent.get();
    }

    /** Vectors not published: refused by the broker, or not finite. */
    public long failed() {
        return failed.get();
    }

    /** Sends what is queued, then stops the sending thread; the producer stays open (its owner closes it). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        sender.interrupt();
        try {
            sender.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
