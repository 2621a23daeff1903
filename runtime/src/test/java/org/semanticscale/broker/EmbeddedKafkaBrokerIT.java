package org.semanticscale.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.testkit.KafkaIo;
import org.semanticscale.topic.TopicSpec;
import org.semanticscale.topic.Topics;

class EmbeddedKafkaBrokerIT {

    @TempDir
    Path dir;

    @Test
    void keepsTopicsAndRecordsAcrossARestartOnTheSameDataDirectory() throws Exception {
        Path data = dir.resolve("broker");
        int port = EmbeddedKafkaBroker.freePort();
        EmbeddedKafkaBroker.Options options =
                EmbeddedKafkaBroker.Options.defaults().withPort(port).withDataDir(data);

        // 1. First start: create a compacted topic and write a record.
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options)) {
            assertEquals("127.0.0.1:" + port, broker.bootstrapServers());
            KafkaIo kafka = KafkaIo.of(broker.bootstrapServers());
            try (Admin admin = kafka.admin()) {
                assertEquals(
                        List.of("t"), Topics.ensure(admin, List.of(TopicSpec.compacted("t", 2, (short) 1)), 30_000));
                assertEquals(
                        List.of(),
                        Topics.ensure(admin, List.of(TopicSpec.compacted("t", 2, (short) 1)), 30_000),
                        "an existing topic is left alone");
            }
            kafka.send("t", utf8("k"), utf8("v1"));
        }
        assertTrue(Files.isDirectory(data), "a given data directory is kept");

        // 2. Restart on the same directory and port: the topic and record are still there.
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options)) {
            KafkaIo kafka = KafkaIo.of(broker.bootstrapServers());
            try (Admin admin = kafka.admin()) {
                assertTrue(admin.listTopics().names().get().contains("t"));
            }
            List<ConsumerRecord<byte[], byte[]>> records = kafka.readCommitted("t", Duration.ofSeconds(30));
            assertEquals(
                    List.of("v1"),
                    records.stream()
                            .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                            .toList());
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

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
