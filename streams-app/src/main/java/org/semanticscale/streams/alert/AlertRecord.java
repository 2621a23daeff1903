package org.semanticscale.streams.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One transition on {@code ssi.alerts} (key = label) of one view's class: the figures that caused it. Two causes, each with its own
 * pair of states: {@link #SCALE_RATIO} ({@link #UNDERREPRESENTED}, then {@link #RECOVERED}: S / max S against
 * alert.threshold) and {@link #OWN_DROP} ({@link #COLLAPSED}, then {@link #RECOVERED}: S' against the class's own
 * baseline). Records of both causes carry every field, so a reader can tell a drop the counts show ({@code n}
 * well below {@code baselineN}) from one only the semantics show ({@code n} near {@code baselineN}).
 *
 * @param label          class label
 * @param view           the view that raised it: {@code model} (the model's features) or {@code input} (the sketches
 *                       of the samples)
 * @param state          {@link #UNDERREPRESENTED}, {@link #COLLAPSED} or {@link #RECOVERED}
 * @param cause          {@link #SCALE_RATIO} or {@link #OWN_DROP}
 * @param scale          S of the class (NaN when it has lost its scale)
 * @param maxScale       largest S over the classes
 * @param ratio          scale / maxScale (NaN when no scale)
 * @param threshold      the line crossed, in the cause's unit: alert.threshold (of S / max S) for scale-ratio,
 *                       (1 - alert.drop) x baselineVolume (an S') for own-drop
 * @param recoverAbove   where the class recovers, in the same unit: alert.threshold x alert.hysteresis, or
 *                       min(1, (1 - alert.drop) x alert.hysteresis) x baselineVolume
 * @param n              vectors in the class's window
 * @param volume         S' of the class now
 * @param baselineVolume the class's own recent S' (median over alert.baseline; NaN when it has none yet)
 * @param baselineN      the median window count over the same history (-1 when none)
 * @param time           wall-clock epoch ms of the transition
 */
public record AlertRecord(
        String label,
        String view,
        String state,
        String cause,
        double scale,
        double maxScale,
        double ratio,
        double threshold,
        double recoverAbove,
        long n,
        double volume,
        double baselineVolume,
        long baselineN,
        long time) {
    public static final String UNDERREPRESENTED = "UNDERREPRESENTED";
    public static final String COLLAPSED = "COLLAPSED";
    public static final String RECOVERED = "RECOVERED";
    /** S / max S fell below alert.threshold, or the class lost its scale. */
    public static final String SCALE_RATIO = "scale-ratio";
    /** S' fell more than alert.drop below the class's own baseline. */
    public static final String OWN_DROP = "own-drop";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String toJson() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("label", label);
        o.put("view", view);
        o.put("state", state);
        o.put("cause", cause);
        number(o, "scale", scale);
        number(o, "maxScale", maxScale);
        number(o, "ratio", ratio);
        number(o, "threshold", threshold);
        number(o, "recoverAbove", recoverAbove);
        o.put("n", n);
        number(o, "volume", volume);
        number(o, "baselineVolume", baselineVolume);
        o.put("baselineN", baselineN);
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
