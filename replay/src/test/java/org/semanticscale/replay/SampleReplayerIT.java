package org.semanticscale.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
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
            // At 1,000 samples/s, sample 135 is not sent before about 135 ms have passed (pacing sleeps whole
            // milliseconds); a mark past the plan is never told.
            AtomicLong marked = new AtomicLong(-1);
            AtomicLong pastTheEnd = new AtomicLong(-1);
            long before = System.currentTimeMillis();
            long sent = new SampleReplayer(kafka, "ssi.samples")
                    .optMark(135, marked::set)
                    .optMark(270, pastTheEnd::set)
                    .replay(train, plan, 1000, n -> {});
            long after = System.currentTimeMillis();
            assertEquals(270, sent);
            assertTrue(marked.get() - before >= 130 && marked.get() <= after, (marked.get() - before) + " ms");
            assertEquals(-1, pastTheEnd.get());

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
