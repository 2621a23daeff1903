package org.semanticscale.cli.experiment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.semanticscale.record.RecordFormatException;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.record.ScaleRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newest scale record of every class on the streams-app's scales topic, read from its start by a
 * background consumer (committed records only): what the experiment reports of the streamed scales,
 * the windows' sizes and the DSB weights the streams-app published.
 */
final class StreamedScales implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamedScales.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Map<String, ScaleRecord> latest = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    StreamedScales(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.thread = new Thread(this::readLoop, "experiment-scales");
        thread.setDaemon(true);
        thread.start();
    }

    private void readLoop() {
        try {
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        continue;
                    }
                    try {
                        ScaleRecord s = ScaleRecords.fromJson(r.value());
                        latest.put(s.label(), s);
                    } catch (RecordFormatException e) {
                        LOG.warn("unreadable record on {} at offset {}: {}", topic, r.offset(), e.getMessage());
                    }
                }
            }
        } catch (WakeupException e) {
            // close() interrupts the poll
        } catch (RuntimeException e) {
            if (running) {
                LOG.warn("reading {} stopped: {}", topic, e.toString());
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** The newest record of each class read so far, by label. */
    Map<String, ScaleRecord> latest() {
        return new TreeMap<>(latest);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
