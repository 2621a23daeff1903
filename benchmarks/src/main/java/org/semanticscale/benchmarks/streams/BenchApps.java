package org.semanticscale.benchmarks.streams;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * What a benchmark pass runs over a topic, under an application id of its own: a pass-through topology, the
 * ceiling for any app on that stream, or the streams-app with {@link #appSettings}.
 */
final class BenchApps {
    private BenchApps() {}

    /** A fresh pass-through reads the topic from the start; its rate in records per second. */
    static double passThrough(String bootstrap, ConsumptionClock clock, String topic, String guarantee, int partitions)
            throws Exception {
        String id = "bench-pass-" + System.nanoTime();
        try (KafkaStreams streams = startPassThrough(bootstrap, clock, id, topic, guarantee, partitions)) {
            return clock.recordsPerSecond(id, topic, 600);
        }
    }

    /**
     * Starts a topology that reads the records and writes them unchanged to a topic of its own, with the app's
     * producer batch size.
     */
    static KafkaStreams startPassThrough(
            String bootstrap, ConsumptionClock clock, String id, String topic, String guarantee, int partitions)
            throws Exception {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(topic + ".copy." + id, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        clock.admin()
                .createTopics(List.of(new NewTopic(topic + ".copy." + id, partitions, (short) 1)))
                .all()
                .get();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        p.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("bench-pass").toString());
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 262_144);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        KafkaStreams streams = new KafkaStreams(b.build(), p);
        streams.start();
        return streams;
    }

    /**
     * The app's settings for one pass: the given application id, its own output topics, and a state directory and
     * metrics port of its own (so several instances of one application id can run in this JVM).
     */
    static Map<String, String> appSettings(String bootstrap, String id, String topic, String guarantee, int partitions)
            throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", bootstrap);
        settings.put("application.id", id);
        settings.put("topics.features", topic);
        settings.put("topics.scales", "bench.scales." + id);
        settings.put("topics.alerts", "bench.alerts." + id);
        settings.put("topics.dead-letters", "bench.dead." + id);
        settings.put("topics.partitions", Integer.toString(partitions));
        settings.put("processing.guarantee", guarantee);
        settings.put("state.dir", Files.createTempDirectory("bench-ssi").toString());
        settings.put("metrics.port", "0");
        return settings;
    }
}
