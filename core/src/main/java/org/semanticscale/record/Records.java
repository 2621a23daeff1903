package org.semanticscale.record;

import org.semanticscale.record.RecordFormatException.Reason;

/** Decodes what arrives on ingest in either layout: binary (magic "SS") or JSON (an object). */
public final class Records {
    private Records() {}

    /** A feature vector in the binary or the JSON layout. */
    public static FeatureVector decodeFeature(byte[] bytes) {
        return switch (layoutOf(bytes)) {
            case BINARY -> BinaryRecords.decodeFeature(bytes);
            case JSON -> JsonRecords.parseFeature(bytes);
        };
    }

    /** A sample tensor in the binary or the JSON layout. */
    public static LabelledTensor decodeSample(byte[] bytes) {
        return switch (layoutOf(bytes)) {
            case BINARY -> BinaryRecords.decodeSample(bytes);
            case JSON -> JsonRecords.parseSample(bytes);
        };
    }

    private enum Layout {
        BINARY,
        JSON
    }

    private static Layout layoutOf(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new RecordFormatException(Reason.TRUNCATED, "empty record");
        }
        if (BinaryRecords.looksBinary(bytes)) {
            return Layout.BINARY;
        }
        for (byte b : bytes) {
            if (b == '{') {
                return Layout.JSON;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                break;
            }
        }
        throw new RecordFormatException(
                Reason.UNREADABLE, "neither the binary layout (magic \"SS\") nor a JSON object");
    }
}
