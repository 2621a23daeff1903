package org.semanticscale.trainer.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.LabelledTensor;

class SampleValidatorTest {
    private final SampleValidator validator =
            new SampleValidator(new InputShape(2, 2), new ClassIndex(List.of("cat", "dog")));

    static byte[] sample(String label, int[] shape, float[] data, String id) {
        return BinaryRecords.encode(new LabelledTensor(label, shape, data, id));
    }

    /** A valid record with its last value overwritten by NaN: the encoder refuses to write one. */
    static byte[] withNaN(byte[] valid) {
        byte[] bytes = valid.clone();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(bytes.length - 4, Float.NaN);
        return bytes;
    }

    private String reason(byte[] value) {
        SampleCheck check = validator.check("k".getBytes(StandardCharsets.UTF_8), value, () -> "t-0@1");
        return assertInstanceOf(SampleCheck.Rejected.class, check).reason();
    }

    @Test
    void acceptsAWholeSampleOfAConfiguredClass() {
        SampleCheck check =
                validator.check(null, sample("dog", new int[] {2, 2}, new float[] {1, 2, 3, 4}, "s-1"), () -> "t-0@1");
        Sample s = assertInstanceOf(SampleCheck.Accepted.class, check).sample();
        assertEquals("s-1", s.id());
        assertEquals("dog", s.label());
        assertEquals(1, s.classIndex());
        assertArrayEquals(new float[] {1, 2, 3, 4}, s.data());
    }

    @Test
    void theIdComesFromTheRecordElseTheKeyElseTheOffset() {
        byte[] noId = sample("cat", new int[] {4}, new float[] {1, 2, 3, 4}, "");
        SampleCheck byKey = validator.check("key-7".getBytes(StandardCharsets.UTF_8), noId, () -> "t-0@1");
        assertEquals("key-7", ((SampleCheck.Accepted) byKey).sample().id());
        assertEquals(
                "t-0@1",
                ((SampleCheck.Accepted) validator.check(null, noId, () -> "t-0@1"))
                        .sample()
                        .id());
    }

    @Test
    void acceptsJsonToo() {
        byte[] json = "{\"label\": \"cat\", \"shape\": [2, 2], \"data\": [0, 0.5, 1, 1], \"sampleId\": \"j\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(
                "j",
                assertInstanceOf(SampleCheck.Accepted.class, validator.check(null, json, () -> "x"))
                        .sample()
                        .id());
    }

    @Test
    void refusesEachKindOfBadRecordWithItsReason() {
        byte[] valid = sample("cat", new int[] {2, 2}, new float[] {1, 2, 3, 4}, "s");
        assertEquals("unreadable", reason("garbage".getBytes(StandardCharsets.UTF_8)));
        assertEquals("truncated", reason(Arrays.copyOf(valid, valid.length - 3)));
        assertEquals("truncated", reason(null));
        assertEquals("truncated", reason(new byte[0]));
        assertEquals("non-finite", reason(withNaN(valid)));
        assertEquals("wrong-length", reason(Arrays.copyOf(valid, valid.length + 4)));
        assertEquals(
                "wrong-kind",
                reason(BinaryRecords.encode(new org.semanticscale.record.FeatureVector("cat", new float[] {1}))));
        assertEquals("wrong-shape", reason(sample("cat", new int[] {3}, new float[] {1, 2, 3}, "s")));
        assertEquals("wrong-shape", reason(sample("cat", new int[] {1, 4}, new float[] {1, 2, 3, 4}, "s")));
        assertEquals("unknown-label", reason(sample("cow", new int[] {2, 2}, new float[] {1, 2, 3, 4}, "s")));
        assertEquals("unreadable", reason("{\"label\": 3".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyReasonIsListedForTheMetrics() {
        for (String r : List.of(
                "unreadable",
                "truncated",
                "non-finite",
                "wrong-length",
                "wrong-kind",
                "wrong-shape",
                "unknown-label",
                "empty-label",
                "field-too-long",
                "too-large",
                "unsupported-version")) {
            assertTrue(SampleValidator.REASONS.contains(r), r);
        }
    }
}
