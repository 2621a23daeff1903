package org.semanticscale.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.semanticscale.record.RecordFormatException.Reason;

/**
 * JSON of {@link ScaleRecord}s on {@code ssi.scales}: NaN is written as null and read back as NaN. A field
 * missing from an older record reads as NaN, false, -1 or 0 (see {@link #fromJson}).
 */
public final class ScaleRecords {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScaleRecords() {}

    public static String toJson(ScaleRecord r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("label", r.label());
        o.put("n", r.n());
        number(o, "volume", r.volume());
        number(o, "volumeNormalized", r.volumeNormalized());
        number(o, "distanceWeight", r.distanceWeight());
        number(o, "scale", r.scale());
        number(o, "weight", r.weight());
        number(o, "classBalancedWeight", r.classBalancedWeight());
        o.put("saturated", r.saturated());
        o.put("underrepresented", r.underrepresented());
        o.put("modelVersion", r.modelVersion());
        o.put("windowStart", r.windowStart());
        o.put("windowEnd", r.windowEnd());
        number(o, "baselineVolume", r.baselineVolume());
        o.put("collapsed", r.collapsed());
        number(o, "saturationGain", r.saturationGain());
        return o.toString();
    }

    public static ScaleRecord fromJson(byte[] json) {
        JsonNode o;
        try {
            o = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new RecordFormatException(Reason.UNREADABLE, "not valid JSON: " + e.getMessage());
        }
        if (o == null || !o.isObject() || !o.hasNonNull("label") || !o.hasNonNull("n")) {
            throw new RecordFormatException(Reason.UNREADABLE, "not a scale record (needs at least label and n)");
        }
        return new ScaleRecord(
                o.get("label").asText(),
                o.get("n").asLong(),
                number(o, "volume"),
                number(o, "volumeNormalized"),
                number(o, "distanceWeight"),
                number(o, "scale"),
                number(o, "weight"),
                number(o, "classBalancedWeight"),
                o.path("saturated").asBoolean(false),
                o.path("underrepresented").asBoolean(false),
                o.path("modelVersion").asLong(-1),
                o.path("windowStart").asLong(0),
                o.path("windowEnd").asLong(0),
                number(o, "baselineVolume"),
                o.path("collapsed").asBoolean(false),
                number(o, "saturationGain"));
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }

    private static double number(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }
}
