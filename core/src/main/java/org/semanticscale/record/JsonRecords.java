package org.semanticscale.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.semanticscale.record.RecordFormatException.Reason;

/**
 * The JSON layout accepted on ingest, for people and tools that do not speak the binary one:
 *
 * <pre>
 *   feature vector: {"label": "cat", "features": [0.1, 0.2, ...], "modelVersion": 12, "sampleId": "s-1"}
 *   sample tensor:  {"label": "cat", "shape": [28, 28], "data": [0.0, ...], "sampleId": "s-1"}
 * </pre>
 *
 * {@code modelVersion}, {@code sampleId} and (for a flat sample) {@code shape} are optional. Values are
 * read as float32: a number outside float range is an infinity and refused as non-finite, as are
 * {@code NaN} and {@code Infinity} literals.
 */
public final class JsonRecords {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JsonRecords() {}

    /** Parses a feature vector. */
    public static FeatureVector parseFeature(byte[] json) {
        JsonNode root = readObject(json);
        String label = label(root);
        float[] values = floats(root, "features");
        if (values.length > BinaryRecords.MAX_ELEMENTS) {
            throw new RecordFormatException(
                    Reason.TOO_LARGE, values.length + " features exceed " + BinaryRecords.MAX_ELEMENTS);
        }
        return new FeatureVector(label, values, modelVersion(root), sampleId(root));
    }

    /** Parses a feature vector from text. */
    public static FeatureVector parseFeature(String json) {
        return parseFeature(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Parses a sample tensor; without {@code shape} it is a flat vector. */
    public static LabelledTensor parseSample(byte[] json) {
        JsonNode root = readObject(json);
        String label = label(root);
        float[] data = floats(root, "data");
        int[] shape;
        JsonNode shapeNode = root.get("shape");
        if (shapeNode == null || shapeNode.isNull()) {
            shape = new int[] {data.length};
        } else {
            if (!shapeNode.isArray() || shapeNode.isEmpty() || shapeNode.size() > BinaryRecords.MAX_RANK) {
                throw new RecordFormatException(
                        Reason.UNREADABLE,
                        "\"shape\" must be an array of 1.." + BinaryRecords.MAX_RANK + " positive integers");
            }
            shape = new int[shapeNode.size()];
            long elements = 1;
            for (int i = 0; i < shape.length; i++) {
                JsonNode dim = shapeNode.get(i);
                if (!dim.canConvertToInt() || !dim.isIntegralNumber() || dim.intValue() < 1) {
                    throw new RecordFormatException(
                            Reason.UNREADABLE, "\"shape\" must be an array of positive integers");
                }
                shape[i] = dim.intValue();
                elements *= shape[i];
            }
            if (elements != data.length) {
                throw new RecordFormatException(
                        Reason.WRONG_LENGTH, "shape holds " + elements + " values but data has " + data.length);
            }
        }
        if (data.length > BinaryRecords.MAX_ELEMENTS) {
            throw new RecordFormatException(
                    Reason.TOO_LARGE, data.length + " values exceed " + BinaryRecords.MAX_ELEMENTS);
        }
        return new LabelledTensor(label, shape, data, sampleId(root));
    }

    /** The JSON layout of a feature vector, on one line. */
    public static String toJson(FeatureVector v) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("label", v.label());
        ArrayNode features = node.putArray("features");
        for (float f : v.values()) {
            features.add(f);
        }
        if (v.modelVersion() != FeatureVector.NO_MODEL_VERSION) {
            node.put("modelVersion", v.modelVersion());
        }
        if (!v.sampleId().isEmpty()) {
            node.put("sampleId", v.sampleId());
        }
        return node.toString();
    }

    private static JsonNode readObject(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new RecordFormatException(Reason.UNREADABLE, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RecordFormatException(Reason.UNREADABLE, "not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RecordFormatException(Reason.UNREADABLE, "expected a JSON object");
        }
        return root;
    }

    private static String label(JsonNode root) {
        JsonNode node = root.get("label");
        if (node == null || node.isNull()) {
            throw new RecordFormatException(Reason.EMPTY_LABEL, "no \"label\"");
        }
        if (!node.isValueNode()) {
            throw new RecordFormatException(Reason.UNREADABLE, "\"label\" must be a string or a number");
        }
        String label = node.asText();
        if (label.isBlank()) {
            throw new RecordFormatException(Reason.EMPTY_LABEL, "the label is empty");
        }
        if (label.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > BinaryRecords.MAX_TEXT_BYTES) {
            throw new RecordFormatException(
                    Reason.FIELD_TOO_LONG, "the label is longer than " + BinaryRecords.MAX_TEXT_BYTES + " bytes");
        }
        return label;
    }

    private static long modelVersion(JsonNode root) {
        JsonNode node = root.get("modelVersion");
        if (node == null || node.isNull()) {
            return FeatureVector.NO_MODEL_VERSION;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new RecordFormatException(Reason.UNREADABLE, "\"modelVersion\" must be an integer");
        }
        return node.longValue();
    }

    private static String sampleId(JsonNode root) {
        JsonNode node = root.get("sampleId");
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isValueNode()) {
            throw new RecordFormatException(Reason.UNREADABLE, "\"sampleId\" must be a string or a number");
        }
        String id = node.asText();
        if (id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > BinaryRecords.MAX_TEXT_BYTES) {
            throw new RecordFormatException(
                    Reason.FIELD_TOO_LONG, "the sample id is longer than " + BinaryRecords.MAX_TEXT_BYTES + " bytes");
        }
        return id;
    }

    private static float[] floats(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isArray()) {
            throw new RecordFormatException(Reason.UNREADABLE, "\"" + field + "\" must be an array of numbers");
        }
        if (node.isEmpty()) {
            throw new RecordFormatException(Reason.WRONG_LENGTH, "\"" + field + "\" is empty");
        }
        float[] values = new float[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isNumber()) {
                throw new RecordFormatException(Reason.UNREADABLE, "\"" + field + "\"[" + i + "] is not a number");
            }
            values[i] = (float) v.doubleValue();
            if (!Float.isFinite(values[i])) {
                throw new RecordFormatException(Reason.NON_FINITE, "\"" + field + "\"[" + i + "] is " + v.asText());
            }
        }
        return values;
    }
}
