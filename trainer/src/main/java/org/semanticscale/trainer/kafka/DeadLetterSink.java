package org.semanticscale.trainer.kafka;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.semanticscale.deadletter.DeadLetterHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends refused records to the dead-letter topic as they came (key, value and headers), with
 * {@link DeadLetterHeaders} naming the reason and the source offset, and counts them.
 *
 * <p>Logs the first {@value #LOGGED_PER_REASON} of each reason, then every {@value #LOG_EVERY}th,
 * so a flood of bad records cannot flood the log.
 */
public final class DeadLetterSink {
    public static final String APP = "trainer";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSink.class);
    private static final int LOGGED_PER_REASON = 10;
    private static final int LOG_EVERY = 1000;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final DeadLetterCounts counts;
    private final AtomicLong failedSends = new AtomicLong();

    public DeadLetterSink(Producer<byte[], byte[]> producer, String topic, DeadLetterCounts counts) {
        this.producer = producer;
        this.topic = topic;
        this.counts = counts;
    }

    /** Dead-letters one record; never throws for a bad record, only counts and logs. */
    public void send(ConsumerRecord<byte[], byte[]> record, String reason, String detail) {
        long n = counts.increment(reason);
        if (n <= LOGGED_PER_REASON || n % LOG_EVERY == 0) {
            LOG.warn(
                    "dead letter #{} of reason {}: {}-{}@{}: {}",
                    n,
                    reason,
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    detail);
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h);
        }
        DeadLetterHeaders.add(headers, APP, reason, detail, record.topic(), record.partition(), record.offset());
        producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers), (metadata, error) -> {
            if (error != null && failedSends.incrementAndGet() <= LOGGED_PER_REASON) {
                LOG.error("could not write a dead letter to {}: {}", topic, error.getMessage());
            }
        });
    }
}
