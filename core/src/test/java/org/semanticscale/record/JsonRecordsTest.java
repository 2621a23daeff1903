package org.semanticscale.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.semanticscale.record.RecordFormatException.Reason;

class JsonRecordsTest {

    private static Reason featureReason(String json) {
        return assertThrows(RecordFormatException.class, () -> JsonRecords.parseFeature(json))
                .reason();
    }

    @Test
    void parsesTheDocumentedFeatureLayout() {
        FeatureVector v = JsonRecords.parseFeature(
                "{\"label\": \"cat\", \"features\": [0.5, -1, 2e3], \"modelVersion\": 7, \"sampleId\": \"s1\"}");
        assertEquals("cat", v.label());
        assertArrayEquals(new float[] {0.5f, -1f, 2000f}, v.values());
        assertEquals(7, v.modelVersion());
        assertEquals("s1", v.sampleId());
    }

    @Test
    void optionalFieldsDefaultAndNumericLabelsAreText() {
        FeatureVector v = JsonRecords.parseFeature("{\"label\": 3, \"features\": [1]}");
        assertEquals("3", v.label());
        assertEquals(FeatureVector.NO_MODEL_VERSION, v.modelVersion());
        assertEquals("", v.sampleId());
    }

    @Test
    void toJsonRoundTrips() {
        FeatureVector v = new FeatureVector("a\"b", new float[] {1.25f, -3f}, 9, "x");
        FeatureVector back = JsonRecords.parseFeature(JsonRecords.toJson(v));
        assertEquals(v.label(), back.label());
        assertArrayEquals(v.values(), back.values());
        assertEquals(9, back.modelVersion());
    }

    @Test
    void badFeatureRecordsGetTheirReason() {
        assertEquals(Reason.UNREADABLE, featureReason("not json"));
        assertEquals(Reason.UNREADABLE, featureReason("{\"label\": \"a\", \"features\": [1, 2"));
        assertEquals(Reason.UNREADABLE, featureReason("[1, 2, 3]"));
        assertEquals(Reason.UNREADABLE, featureReason("{\"label\": \"a\", \"features\": \"1,2\"}"));
        assertEquals(Reason.UNREADABLE, featureReason("{\"label\": \"a\", \"features\": [1, \"2\"]}"));
        assertEquals(Reason.UNREADABLE, featureReason("{\"label\": {\"x\": 1}, \"features\": [1]}"));
        assertEquals(Reason.EMPTY_LABEL, featureReason("{\"features\": [1]}"));
        assertEquals(Reason.EMPTY_LABEL, featureReason("{\"label\": \"  \", \"features\": [1]}"));
        assertEquals(Reason.WRONG_LENGTH, featureReason("{\"label\": \"a\", \"features\": []}"));
        assertEquals(Reason.NON_FINITE, featureReason("{\"label\": \"a\", \"features\": [1, NaN]}"));
        assertEquals(Reason.NON_FINITE, featureReason("{\"label\": \"a\", \"features\": [-Infinity]}"));
        assertEquals(
                Reason.NON_FINITE, featureReason("{\"label\": \"a\", \"features\": [1e39]}"), "beyond float range");
        assertEquals(
                Reason.FIELD_TOO_LONG, featureReason("{\"label\": \"" + "y".repeat(300) + "\", \"features\": [1]}"));
        assertEquals(Reason.UNREADABLE, featureReason("{\"label\": \"a\", \"features\": [1], \"modelVersion\": 1.5}"));
    }

    @Test
    void samplesTakeAnOptionalShape() {
        LabelledTensor flat =
                JsonRecords.parseSample("{\"label\": \"x\", \"data\": [1, 2, 3, 4]}".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new int[] {4}, flat.shape());
        LabelledTensor square = JsonRecords.parseSample(
                "{\"label\": \"x\", \"shape\": [2, 2], \"data\": [1, 2, 3, 4], \"sampleId\": 12}"
                        .getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new int[] {2, 2}, square.shape());
        assertEquals("12", square.sampleId());
        assertEquals(
                Reason.WRONG_LENGTH,
                assertThrows(
                                RecordFormatException.class,
                                () -> JsonRecords.parseSample(
                                        "{\"label\": \"x\", \"shape\": [3, 2], \"data\": [1, 2, 3, 4]}"
                                                .getBytes(StandardCharsets.UTF_8)))
                        .reason());
        assertEquals(
                Reason.UNREADABLE,
                assertThrows(
                                RecordFormatException.class,
                                () -> JsonRecords.parseSample("{\"label\": \"x\", \"shape\": [0], \"data\": [1]}"
                                        .getBytes(StandardCharsets.UTF_8)))
                        .reason());
    }

    @Test
    void recordsDetectsTheLayout() {
        FeatureVector v = new FeatureVector("z", new float[] {4, 5});
        assertArrayEquals(
                v.values(), Records.decodeFeature(BinaryRecords.encode(v)).values());
        assertArrayEquals(
                v.values(),
                Records.decodeFeature(("  " + JsonRecords.toJson(v)).getBytes(StandardCharsets.UTF_8))
                        .values());
        assertEquals(
                Reason.UNREADABLE,
                assertThrows(RecordFormatException.class, () -> Records.decodeFeature(new byte[] {1, 2, 3}))
                        .reason());
        assertEquals(
                Reason.TRUNCATED,
                assertThrows(RecordFormatException.class, () -> Records.decodeFeature(new byte[0]))
                        .reason());
    }
}
