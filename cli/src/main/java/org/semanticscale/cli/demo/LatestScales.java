package org.semanticscale.cli.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.semanticscale.record.RecordFormatException;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.record.ScaleRecords;

/**
 * What the demo shows of the streams-app's output: the newest scale record of every class and the
 * alerts so far, read from the scales and alerts topics by a background consumer.
 */
final class LatestScales implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final String scalesTopic;
    private final Map<String, ScaleRecord> latest = new ConcurrentHashMap<>();
    private final List<String> alerts = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;

    LatestScales(Properties kafka, String scalesTopic, String alertsTopic) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "ssi-demo-view-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        this.scalesTopic = scalesTopic;
        consumer.subscribe(Set.of(scalesTopic, alertsTopic));
        this.thread = new Thread(this::run, "demo-scales-view");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.topic().equals(scalesTopic)) {
                        try {
                            ScaleRecord s = ScaleRecords.fromJson(r.value().getBytes(StandardCharsets.UTF_8));
                            latest.put(s.label(), s);
                        } catch (RecordFormatException e) {
                            // not ours to judge: the table just keeps the previous figures
                        }
                    } else {
                        alerts.add(r.value());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    Map<String, ScaleRecord> latest() {
        return latest;
    }

    /** Alert JSON values in arrival order. */
    List<String> alerts() {
        synchronized (alerts) {
            return new ArrayList<>(alerts);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
