package org.semanticscale.benchmarks.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.semanticscale.scaletopic.ScaleView;

/**
 * Produce-to-scale latency, live: produces at a fixed rate for a while, with the producer timestamp as the record
 * time, and measures, for every record produced, the time from that timestamp to the arrival of the first scale
 * record of its class whose window includes it ({@code windowEnd} at or after the timestamp), read by a
 * {@link ScaleView} of the scales topic. Records produced early in an interval wait longest: this is the latency a
 * consumer of the scales sees, not the newest vector's.
 */
final class LiveLatency {
    /** The sorted latencies (ms) of the records a published scale covered, of {@code sent} records. */
    record Result(List<Long> sorted, long sent, long scaleUpdates) {
        long percentile(double q) {
            return Percentiles.percentile(sorted, q);
        }

        long max() {
            return sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1);
        }

        /** "p50 .. ms, p99 .. ms, max .. ms (.. of .. records covered by a published scale, .. scale updates read)". */
        String summary() {
            return String.format(
                    Locale.ROOT,
                    "p50 %d ms, p99 %d ms, max %d ms (%d of %d records covered by a published scale, "
                            + "%d scale updates read)",
                    percentile(0.5),
                    percentile(0.99),
                    max(),
                    sorted.size(),
                    sent,
                    scaleUpdates);
        }
    }

    private LiveLatency() {}

    /**
     * Waits until the scales already published are read, then sends {@code rate} records per second for {@code
     * seconds} to {@code topic}, classes drawn by {@code features} from a generator seeded with {@code seed}, and
     * waits 5 s for the last records' scales.
     */
    static Result measure(
            String bootstrap,
            String scalesTopic,
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            LongTailFeatures features,
            int rate,
            int seconds,
            long seed)
            throws Exception {
        Properties kafka = new Properties();
        kafka.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        PendingRecords pending = new PendingRecords();
        try (ScaleView scales = ScaleView.reading(kafka, scalesTopic)
                .optListener((snapshot, labels) -> pending.published(snapshot, labels, System.currentTimeMillis()))
                .start()) {
            if (!scales.awaitCaughtUp(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the scales of the fill phase were not read within 60 s");
            }
            long fillUpdates = pending.scaleUpdates();
            Random r = new Random(seed);
            long start = System.currentTimeMillis();
            long sent = 0;
            while (System.currentTimeMillis() - start < seconds * 1000L) {
                long wait = start + sent * 1000 / rate - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                int cls = features.drawClass(r);
                long timestamp = System.currentTimeMillis();
                // Registered before the send, so its scale cannot arrive first.
                pending.produced(Integer.toString(cls), timestamp);
                producer.send(new ProducerRecord<>(
                        topic,
                        null,
                        timestamp,
                        Integer.toString(cls).getBytes(StandardCharsets.UTF_8),
                        features.vector(cls, r)));
                sent++;
            }
            Thread.sleep(5_000); // the last records' scales arrive on the view's thread
            List<Long> latencies = pending.latencies();
            Collections.sort(latencies);
            return new Result(latencies, sent, pending.scaleUpdates() - fillUpdates);
        }
    }
}
