package org.semanticscale.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.topic.TopicSpec;
import org.semanticscale.topic.Topics;

class EmbeddedKafkaBrokerIT {

    @TempDir
    Path dir;

    @Test
    void keepsTopicsAndRecordsAcrossARestartOnTheSameDataDirectory() throws Exception {
        Path data = dir.resolve("broker");
        int port = EmbeddedKafkaBroker.freePort();
        EmbeddedKafkaBroker.Options options = EmbeddedKafkaBroker.Options.defaults().withPort(port).withDataDir(data);

        // 1. First start: create a compacted topic and write a record.
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options)) {
            assertEquals("127.0.0.1:" + port, broker.bootstrapServers());
            try (Admin admin = admin(broker)) {
                assertEquals(List.of("t"), Topics.ensure(admin, List.of(TopicSpec.compacted("t", 2, (short) 1)), 30_000));
                assertEquals(List.of(), Topics.ensure(admin, List.of(TopicSpec.compacted("t", 2, (short) 1)), 30_000),
                        "an existing topic is left alone");
            }
            try (KafkaProducer<String, String> producer = producer(broker)) {
                producer.send(new ProducerRecord<>("t", "k", "v1")).get();
            }
        }
        assertTrue(Files.isDirectory(data), "a given data directory is kept");

        // 2. Restart on the same directory and port: the topic and record are still there.
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options)) {
            try (Admin admin = admin(broker)) {
                assertTrue(admin.listTopics().names().get().contains("t"));
            }
            try (KafkaConsumer<String, String> consumer = consumer(broker)) {
                consumer.subscribe(Set.of("t"));
                ConsumerRecord<String, String> got = null;
                long deadline = System.currentTimeMillis() + 30_000;
                while (got == null && System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        got = r;
                    }
                }
                assertEquals("v1", got == null ? null : got.value());
            }
        }
    }

    @Test
    void aTemporaryDataDirectoryIsDeletedOnClose() throws Exception {
        Path data;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            data = broker.dataDir();
            assertTrue(Files.isDirectory(data));
        }
        assertTrue(Files.notExists(data));
    }

    static Admin admin(EmbeddedKafkaBroker broker) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return Admin.create(p);
    }

    static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker broker) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "g");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
