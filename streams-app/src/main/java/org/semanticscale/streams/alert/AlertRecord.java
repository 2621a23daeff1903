package org.semanticscale.streams.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One transition on {@code ssi.alerts} (key = label): the figures that caused it.
 *
 * @param label        class label
 * @param state        {@link #UNDERREPRESENTED} or {@link #RECOVERED}
 * @param scale        S of the class (NaN when it has lost its scale)
 * @param maxScale     largest S over the classes
 * @param ratio        scale / maxScale (NaN when no scale)
 * @param threshold    alert.threshold
 * @param recoverAbove alert.threshold * alert.hysteresis
 * @param n            vectors in the class's window
 * @param time         wall-clock epoch ms of the transition
 */
public record AlertRecord(
        String label,
        String state,
        double scale,
        double maxScale,
        double ratio,
        double threshold,
        double recoverAbove,
        long n,
        long time) {
    public static final String UNDERREPRESENTED = "UNDERREPRESENTED";
    public static final String RECOVERED = "RECOVERED";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String toJson() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("label", label);
        o.put("state", state);
        number(o, "scale", scale);
        number(o, "maxScale", maxScale);
        number(o, "ratio", ratio);
        o.put("threshold", threshold);
        o.put("recoverAbove", recoverAbove);
        o.put("n", n);
        o.put("time", time);
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}
