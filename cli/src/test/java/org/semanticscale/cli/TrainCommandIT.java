package org.semanticscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.LabelledTensor;
import org.semanticscale.testkit.KafkaIo;

class TrainCommandIT {
    @TempDir
    Path dir;

    @Test
    void trainsUpToMaxStepsThenStopsWithACheckpoint() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            // 1. 64 samples of two classes on the samples topic.
            List<ProducerRecord<byte[], byte[]>> samples = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String label = i % 2 == 0 ? "x" : "y";
                float[] data = {i % 2, 1 - i % 2, 0.5f, 0.25f};
                samples.add(new ProducerRecord<>(
                        "ssi.samples",
                        ("s" + i).getBytes(StandardCharsets.UTF_8),
                        BinaryRecords.encode(new LabelledTensor(label, new int[] {4}, data, "s" + i))));
            }
            KafkaIo.of(broker.bootstrapServers()).sendAll(samples);
            // 2. ssi train with a config file and overrides: 4 steps of 16, then it stops on its own.
            Path config = dir.resolve("trainer.properties");
            Files.writeString(
                    config,
                    "classes=x,y\nmodel.input-shape=4\nmodel.hidden=8,4\nfeatures.dimension=4\nbatch.size=16\n"
                            // The samples topic the broker created on the first send has one partition.
                            + "topics.partitions=1\n");
            Path checkpoints = dir.resolve("checkpoints");
            CliRun run = CliRun.of(
                    "train",
                    "--config",
                    config.toString(),
                    "--bootstrap-servers",
                    broker.bootstrapServers(),
                    "--set",
                    "trainer.max-steps=4",
                    "--set",
                    "checkpoint.dir=" + checkpoints,
                    "--set",
                    "metrics.enabled=false");
            assertEquals(0, run.exitCode(), run.err());
            // 3. The last checkpoint is that of step 4.
            assertTrue(Files.isDirectory(checkpoints.resolve("step-000000000004")), run.err());
        }
    }
}
