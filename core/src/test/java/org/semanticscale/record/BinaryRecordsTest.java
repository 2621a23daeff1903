package org.semanticscale.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.semanticscale.record.RecordFormatException.Reason;

class BinaryRecordsTest {

    private static Reason reasonOf(Runnable decode) {
        return assertThrows(RecordFormatException.class, decode::run).reason();
    }

    @Test
    void featureVectorRoundTrips() {
        FeatureVector v = new FeatureVector("cat", new float[] {1.5f, -2, 0, Float.MIN_VALUE}, 42, "s-7");
        FeatureVector back = BinaryRecords.decodeFeature(BinaryRecords.encode(v));
        assertEquals("cat", back.label());
        assertArrayEquals(v.values(), back.values());
        assertEquals(42, back.modelVersion());
        assertEquals("s-7", back.sampleId());
    }

    @Test
    void sampleTensorRoundTripsWithItsShape() {
        float[] data = new float[2 * 3 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = i / 7f;
        }
        LabelledTensor t = new LabelledTensor("Ankle boot", new int[] {2, 3, 4}, data, "train-59999");
        LabelledTensor back = BinaryRecords.decodeSample(BinaryRecords.encode(t));
        assertEquals("Ankle boot", back.label());
        assertArrayEquals(new int[] {2, 3, 4}, back.shape());
        assertArrayEquals(data, back.data());
        assertEquals("train-59999", back.sampleId());
    }

    @Test
    void layoutIsTheDocumentedOneByteForByte() {
        byte[] bytes = BinaryRecords.encode(new FeatureVector("é", new float[] {1f, -0.5f}, 3, "i"));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals('S', b.get());
        assertEquals('S', b.get());
        assertEquals(1, b.get(), "format version");
        assertEquals(1, b.get(), "kind: feature");
        assertEquals(2, b.getShort(), "label length in UTF-8 bytes");
        b.position(b.position() + 2);
        assertEquals(3L, b.getLong(), "model version");
        assertEquals(1, b.getShort(), "sample id length");
        assertEquals('i', b.get());
        assertEquals(1, b.get(), "rank");
        assertEquals(2, b.getInt(), "dimension");
        assertEquals(1f, b.getFloat());
        assertEquals(-0.5f, b.getFloat());
        assertEquals(0, b.remaining());
        assertEquals(4 + 2 + 2 + 8 + 2 + 1 + 1 + 4 + 8, bytes.length);
    }

    @Test
    void everyTruncationIsRefusedAsTruncated() {
        byte[] full = BinaryRecords.encode(new FeatureVector("dog", new float[] {1, 2, 3}, 1, "x"));
        for (int length = 0; length < full.length; length++) {
            byte[] cut = Arrays.copyOf(full, length);
            try {
                BinaryRecords.decodeFeature(cut);
                fail("a record cut to " + length + " bytes was accepted");
            } catch (RecordFormatException e) {
                Reason expected = length < 2 && length > 0 ? Reason.UNREADABLE : Reason.TRUNCATED;
                assertEquals(expected, e.reason(), "cut to " + length + " bytes: " + e.getMessage());
            }
        }
    }

    @Test
    void trailingBytesAreAWrongLength() {
        byte[] full = BinaryRecords.encode(new FeatureVector("dog", new float[] {1, 2}));
        assertEquals(
                Reason.WRONG_LENGTH, reasonOf(() -> BinaryRecords.decodeFeature(Arrays.copyOf(full, full.length + 4))));
        assertEquals(
                Reason.WRONG_LENGTH, reasonOf(() -> BinaryRecords.decodeFeature(Arrays.copyOf(full, full.length + 1))));
    }

    @Test
    void nanAndInfinityAreRefusedWhetherEncodedOrDecoded() {
        assertEquals(
                Reason.NON_FINITE,
                reasonOf(() -> BinaryRecords.encode(new FeatureVector("a", new float[] {Float.NaN}))));
        byte[] ok = BinaryRecords.encode(new FeatureVector("a", new float[] {1, 2}));
        ByteBuffer.wrap(ok).order(ByteOrder.LITTLE_ENDIAN).putFloat(ok.length - 4, Float.POSITIVE_INFINITY);
        assertEquals(Reason.NON_FINITE, reasonOf(() -> BinaryRecords.decodeFeature(ok)));
    }

    @Test
    void headerFieldsAreChecked() {
        byte[] ok = BinaryRecords.encode(new FeatureVector("a", new float[] {1, 2}));
        byte[] badVersion = ok.clone();
        badVersion[2] = 9;
        assertEquals(Reason.UNSUPPORTED_VERSION, reasonOf(() -> BinaryRecords.decodeFeature(badVersion)));
        byte[] badKind = ok.clone();
        badKind[3] = 7;
        assertEquals(Reason.UNREADABLE, reasonOf(() -> BinaryRecords.decodeFeature(badKind)));
        assertEquals(Reason.WRONG_KIND, reasonOf(() -> BinaryRecords.decodeSample(ok)));
        byte[] badMagic = ok.clone();
        badMagic[0] = 'X';
        assertEquals(Reason.UNREADABLE, reasonOf(() -> BinaryRecords.decodeFeature(badMagic)));
        byte[] emptyLabel = BinaryRecords.encode(new LabelledTensor("x", new int[] {1}, new float[] {1}, ""));
        emptyLabel[4] = 0; // label length 0: the label byte is now read as the model version's first byte
        assertThrows(RecordFormatException.class, () -> BinaryRecords.decodeSample(emptyLabel));
    }

    @Test
    void shapeLimitsAreCheckedBeforeAnythingIsAllocated() {
        ByteBuffer b = ByteBuffer.allocate(4 + 2 + 1 + 8 + 2 + 1 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'S')
                .put((byte) 'S')
                .put((byte) 1)
                .put((byte) 2)
                .putShort((short) 1)
                .put((byte) 'a');
        b.putLong(-1).putShort((short) 0).put((byte) 2).putInt(1 << 20).putInt(1 << 20);
        assertEquals(Reason.TOO_LARGE, reasonOf(() -> BinaryRecords.decodeSample(b.array())));
        ByteBuffer zero = ByteBuffer.allocate(4 + 2 + 1 + 8 + 2 + 1 + 4).order(ByteOrder.LITTLE_ENDIAN);
        zero.put((byte) 'S')
                .put((byte) 'S')
                .put((byte) 1)
                .put((byte) 1)
                .putShort((short) 1)
                .put((byte) 'a');
        zero.putLong(-1).putShort((short) 0).put((byte) 1).putInt(0);
        assertEquals(Reason.WRONG_LENGTH, reasonOf(() -> BinaryRecords.decodeFeature(zero.array())));
        ByteBuffer rank2 = ByteBuffer.allocate(4 + 2 + 1 + 8 + 2 + 1 + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
        rank2.put((byte) 'S')
                .put((byte) 'S')
                .put((byte) 1)
                .put((byte) 1)
                .putShort((short) 1)
                .put((byte) 'a');
        rank2.putLong(-1).putShort((short) 0).put((byte) 2).putInt(1).putInt(1).putFloat(1);
        assertEquals(
                Reason.WRONG_LENGTH,
                reasonOf(() -> BinaryRecords.decodeFeature(rank2.array())),
                "a feature vector has rank 1");
    }

    @Test
    void labelsAreCheckedOnBothSides() {
        assertEquals(Reason.EMPTY_LABEL, reasonOf(() -> BinaryRecords.encode(new FeatureVector(" ", new float[] {1}))));
        String huge = "x".repeat(BinaryRecords.MAX_TEXT_BYTES + 1);
        assertEquals(
                Reason.FIELD_TOO_LONG, reasonOf(() -> BinaryRecords.encode(new FeatureVector(huge, new float[] {1}))));
        byte[] ok = BinaryRecords.encode(new FeatureVector("ab", new float[] {1}));
        ok[6] = (byte) 0xFF; // invalid UTF-8 in the label
        assertEquals(Reason.UNREADABLE, reasonOf(() -> BinaryRecords.decodeFeature(ok)));
    }

    @Test
    void randomGarbageNeverYieldsARecordOrAnotherException() {
        Random random = new Random(17);
        byte[] good = BinaryRecords.encode(new FeatureVector("lbl", new float[] {1, 2, 3, 4}, 5, "id"));
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes;
            if (i % 2 == 0) {
                bytes = new byte[random.nextInt(64)];
                random.nextBytes(bytes);
                if (bytes.length > 2 && i % 4 == 0) {
                    bytes[0] = 'S';
                    bytes[1] = 'S';
                }
            } else {
                bytes = good.clone();
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            try {
                FeatureVector v = BinaryRecords.decodeFeature(bytes);
                // A flipped byte in the values or ids can still be a valid record: it must be whole and finite.
                assertEquals(4, v.values().length);
                for (float f : v.values()) {
                    if (!Float.isFinite(f)) {
                        fail("a non-finite value got through");
                    }
                }
            } catch (RecordFormatException expected) {
                // the only exception allowed
            }
        }
    }
}
