package org.semanticscale.cli.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.semanticscale.config.KafkaRefusals;

/**
 * Every record of the streams-app's alerts topic so far, as its JSON value in arrival order: a background
 * consumer of committed records only, from the start of the topic (a group of its own, so it misses nothing
 * written before it subscribed). The pipeline's one reader of the alerts, as {@code ScaleView} is of the scales.
 */
public final class AlertLog implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final String bootstrapServers;
    private final List<String> alerts = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String failure;

    private AlertLog(Properties kafka, String topic, String threadName) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, threadName + "-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        this.topic = topic;
        this.bootstrapServers = kafka.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    /** Starts reading {@code topic} in the background, on a thread named {@code threadName}. */
    static AlertLog start(Properties kafka, String topic, String threadName) {
        AlertLog log = new AlertLog(kafka, topic, threadName);
        log.consumer.subscribe(Set.of(topic));
        log.thread.start();
        return log;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(POLL)) {
                    if (r.value() != null) {
                        alerts.add(r.value());
                    }
                }
            }
        } catch (WakeupException e) {
            // close() woke the consumer
        } catch (RuntimeException e) {
            if (running) {
                failure = KafkaRefusals.describe(e, bootstrapServers, "the reader of " + topic)
                                .orElse("reading the alerts on " + topic + " stopped: " + e)
                        + "; the alerts read so far are kept";
            }
        } finally {
            consumer.close(CLOSE_TIMEOUT);
        }
    }

    /** The alert records read so far, as JSON, in arrival order. */
    public List<String> all() {
        synchronized (alerts) {
            return new ArrayList<>(alerts);
        }
    }

    /** Why reading stopped, or null while it runs (or after a clean close). */
    public String failure() {
        return failure;
    }

    /** Stops reading and closes the consumer. Idempotent. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(CLOSE_TIMEOUT.toMillis() * 2);
    }
}
