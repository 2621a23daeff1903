package org.semanticscale.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.LabelledTensor;
import org.semanticscale.testkit.KafkaIo;

class SampleReplayerIT {

    @Test
    void everyPlannedSampleArrivesOnceWithItsShapeAndLabel() throws Exception {
        String[] labels = new String[300];
        float[] data = new float[300 * 4];
        for (int i = 0; i < 300; i++) {
            labels[i] = Integer.toString(i % 3);
            for (int k = 0; k < 4; k++) {
                data[i * 4 + k] = i + k / 10f;
            }
        }
        LabelledVectors train = new LabelledVectors(labels, data, new int[] {2, 2});
        ReplayPlan plan = ReplayPlan.create(train, Profile.parse("counts:100,30,5"), 2, 7);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            Properties kafka = new Properties();
            kafka.put("bootstrap.servers", broker.bootstrapServers());
            long sent = new SampleReplayer(kafka, "ssi.samples").replay(train, plan, 0, n -> {});
            assertEquals(270, sent);

            long[] perClass = new long[3];
            Set<String> ids = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> r :
                    KafkaIo.of(broker.bootstrapServers()).readCommitted("ssi.samples", Duration.ofSeconds(30))) {
                LabelledTensor t = BinaryRecords.decodeSample(r.value());
                assertEquals(new String(r.key(), StandardCharsets.UTF_8), t.sampleId());
                assertArrayEquals(new int[] {2, 2}, t.shape());
                int row = Integer.parseInt(t.sampleId().split("-")[1]);
                assertArrayEquals(train.row(row), t.data());
                assertEquals(train.label(row), t.label());
                ids.add(t.sampleId());
                perClass[Integer.parseInt(t.label())]++;
            }
            assertEquals(270, ids.size());
            assertArrayEquals(new long[] {200, 60, 10}, perClass);
        }
    }
}
