package org.semanticscale.record;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.semanticscale.record.RecordFormatException.Reason;

/**
 * The compact binary layout shared by both apps, little-endian throughout:
 *
 * <pre>
 *   offset  size     field
 *   0       2        magic "SS" (0x53 0x53)
 *   2       1        format version, 1
 *   3       1        kind: 1 = feature vector, 2 = sample tensor
 *   4       2        label length L (uint16), then L bytes of UTF-8 label, 1..256 bytes
 *   6+L     8        model version (int64; -1 = none)
 *   14+L    2        sample id length I (uint16), then I bytes of UTF-8, 0..256 bytes
 *   16+L+I  1        rank R: 1 for a feature vector, 1..4 for a sample tensor
 *   17+L+I  4*R      shape (int32 each, at least 1)
 *   ...     4*N      values, float32, N = product of the shape, row-major
 * </pre>
 *
 * A record is exactly that long. Decoding checks every field and every value: it returns a whole,
 * finite record or throws {@link RecordFormatException}, never a partial vector.
 */
public final class BinaryRecords {
    public static final byte MAGIC_0 = 0x53;
    public static final byte MAGIC_1 = 0x53;
    public static final byte FORMAT_VERSION = 1;
    public static final byte KIND_FEATURE = 1;
    public static final byte KIND_SAMPLE = 2;
    /** Longest label or sample id, in UTF-8 bytes. */
    public static final int MAX_TEXT_BYTES = 256;

    public static final int MAX_RANK = 4;
    /** Most values one record may hold (a 64 MiB payload): larger ones are refused, not allocated. */
    public static final int MAX_ELEMENTS = 1 << 24;

    private BinaryRecords() {}

    /** Encodes a feature vector (rank 1). */
    public static byte[] encode(FeatureVector v) {
        return encode(
                KIND_FEATURE, v.label(), v.modelVersion(), v.sampleId(), new int[] {v.values().length}, v.values());
    }

    /** Encodes a sample tensor; its model version field is -1. */
    public static byte[] encode(LabelledTensor t) {
        return encode(KIND_SAMPLE, t.label(), FeatureVector.NO_MODEL_VERSION, t.sampleId(), t.shape(), t.data());
    }

    /** Decodes a feature vector, refusing a sample tensor. */
    public static FeatureVector decodeFeature(byte[] bytes) {
        Decoded d = decode(bytes, KIND_FEATURE);
        return new FeatureVector(d.label, d.values, d.modelVersion, d.sampleId);
    }

    /** Decodes a sample tensor, refusing a feature vector. */
    public static LabelledTensor decodeSample(byte[] bytes) {
        Decoded d = decode(bytes, KIND_SAMPLE);
        return new LabelledTensor(d.label, d.shape, d.values, d.sampleId);
    }

    /** True when the bytes start like a record of this layout (magic), whatever follows. */
    public static boolean looksBinary(byte[] bytes) {
        return bytes != null && bytes.length >= 2 && bytes[0] == MAGIC_0 && bytes[1] == MAGIC_1;
    }

    private static byte[] encode(
            byte kind, String label, long modelVersion, String sampleId, int[] shape, float[] values) {
        byte[] labelBytes = text(label, "label", false);
        byte[] idBytes = text(sampleId, "sample id", true);
        if (shape.length < 1 || shape.length > MAX_RANK) {
            throw new RecordFormatException(Reason.WRONG_LENGTH, "rank " + shape.length + " is outside 1.." + MAX_RANK);
        }
        if (values.length > MAX_ELEMENTS) {
            throw new RecordFormatException(Reason.TOO_LARGE, values.length + " values exceed " + MAX_ELEMENTS);
        }
        checkFinite(values);
        int size = 4 + 2 + labelBytes.length + 8 + 2 + idBytes.length + 1 + 4 * shape.length + 4 * values.length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC_0).put(MAGIC_1).put(FORMAT_VERSION).put(kind);
        b.putShort((short) labelBytes.length).put(labelBytes);
        b.putLong(modelVersion);
        b.putShort((short) idBytes.length).put(idBytes);
        b.put((byte) shape.length);
        for (int dim : shape) {
            b.putInt(dim);
        }
        b.asFloatBuffer().put(values);
        return b.array();
    }

    private record Decoded(String label, long modelVersion, String sampleId, int[] shape, float[] values) {}

    private static Decoded decode(byte[] bytes, byte expectedKind) {
        if (bytes == null || bytes.length == 0) {
            throw new RecordFormatException(Reason.TRUNCATED, "empty record");
        }
        if (!looksBinary(bytes)) {
            throw new RecordFormatException(Reason.UNREADABLE, "no 'SS' magic at the start: not a binary ssi record");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            b.position(2);
            byte version = b.get();
            if (version != FORMAT_VERSION) {
                throw new RecordFormatException(
                        Reason.UNSUPPORTED_VERSION,
                        "format version " + version + ", this build reads version " + FORMAT_VERSION);
            }
            byte kind = b.get();
            if (kind != KIND_FEATURE && kind != KIND_SAMPLE) {
                throw new RecordFormatException(Reason.UNREADABLE, "unknown record kind " + kind);
            }
            if (kind != expectedKind) {
                throw new RecordFormatException(
                        Reason.WRONG_KIND, "expected a " + kindName(expectedKind) + " but got a " + kindName(kind));
            }
            String label = readText(b, "label");
            if (label.isBlank()) {
                throw new RecordFormatException(Reason.EMPTY_LABEL, "the label is empty");
            }
            long modelVersion = b.getLong();
            String sampleId = readText(b, "sample id");
            int rank = Byte.toUnsignedInt(b.get());
            int maxRank = kind == KIND_FEATURE ? 1 : MAX_RANK;
            if (rank < 1 || rank > maxRank) {
                throw new RecordFormatException(
                        Reason.WRONG_LENGTH, "rank " + rank + " is outside 1.." + maxRank + " for a " + kindName(kind));
            }
            int[] shape = new int[rank];
            long elements = 1;
            for (int i = 0; i < rank; i++) {
                shape[i] = b.getInt();
                if (shape[i] < 1) {
                    throw new RecordFormatException(
                            Reason.WRONG_LENGTH, "dimension " + i + " of the shape is " + shape[i]);
                }
                elements *= shape[i];
                if (elements > MAX_ELEMENTS) {
                    throw new RecordFormatException(
                            Reason.TOO_LARGE, "the shape holds more than " + MAX_ELEMENTS + " values");
                }
            }
            long expectedRemaining = 4 * elements;
            if (b.remaining() < expectedRemaining) {
                throw new RecordFormatException(
                        Reason.TRUNCATED,
                        "the data holds " + b.remaining() / 4 + " values of the " + elements + " its shape promises");
            }
            if (b.remaining() > expectedRemaining) {
                throw new RecordFormatException(
                        Reason.WRONG_LENGTH,
                        (b.remaining() - expectedRemaining) + " bytes follow the " + elements
                                + " values the shape promises");
            }
            float[] values = new float[(int) elements];
            b.asFloatBuffer().get(values);
            checkFinite(values);
            return new Decoded(label, modelVersion, sampleId, shape, values);
        } catch (BufferUnderflowException e) {
            throw new RecordFormatException(
                    Reason.TRUNCATED, "the record ends inside its header (" + bytes.length + " bytes)");
        }
    }

    private static String readText(ByteBuffer b, String what) {
        int length = Short.toUnsignedInt(b.getShort());
        if (length > MAX_TEXT_BYTES) {
            throw new RecordFormatException(
                    Reason.FIELD_TOO_LONG,
                    "the " + what + " is " + length + " bytes, at most " + MAX_TEXT_BYTES + " are allowed");
        }
        if (b.remaining() < length) {
            throw new BufferUnderflowException();
        }
        byte[] raw = new byte[length];
        b.get(raw);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RecordFormatException(Reason.UNREADABLE, "the " + what + " is not valid UTF-8");
        }
    }

    private static byte[] text(String s, String what, boolean mayBeEmpty) {
        if (!mayBeEmpty && s.isBlank()) {
            throw new RecordFormatException(Reason.EMPTY_LABEL, "the " + what + " is empty");
        }
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        if (raw.length > MAX_TEXT_BYTES) {
            throw new RecordFormatException(
                    Reason.FIELD_TOO_LONG,
                    "the " + what + " is " + raw.length + " bytes, at most " + MAX_TEXT_BYTES + " are allowed");
        }
        return raw;
    }

    static void checkFinite(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new RecordFormatException(Reason.NON_FINITE, "value " + i + " is " + values[i]);
            }
        }
    }

    private static String kindName(byte kind) {
        return kind == KIND_FEATURE ? "feature vector" : "sample tensor";
    }
}
