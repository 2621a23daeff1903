package org.semanticscale.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * One record of {@code ssi.alerts} as the demo reads it, and whether counting alone would have seen it.
 *
 * @param label          class label
 * @param state          UNDERREPRESENTED, COLLAPSED or RECOVERED
 * @param cause          "scale-ratio" (S / max S below alert.threshold) or "own-drop" (S' below its own baseline)
 * @param view           "model" (the trainer's features) or "input" (the fixed projection of the raw samples)
 * @param timeMillis     wall-clock epoch ms of the transition
 * @param n              vectors in the class's window at the transition
 * @param baselineN      the window's usual count (median over the alert baseline), -1 when not known
 * @param volume         S' at the transition, NaN when the class has no scale
 * @param baselineVolume S' usual level (median over the alert baseline), NaN when not known
 * @param ratio          S / max S, NaN when the class has no scale
 * @param json           the record as received
 */
public record AlertTransition(
        String label,
        String state,
        String cause,
        String view,
        long timeMillis,
        long n,
        long baselineN,
        double volume,
        double baselineVolume,
        double ratio,
        String json) {
    /** A window count below this share of its usual count is a fall anyone counting would see. */
    static final double COUNT_FALL = 0.8;

    public static final String OWN_DROP = "own-drop";
    public static final String SCALE_RATIO = "scale-ratio";
    public static final String MODEL = "model";
    public static final String INPUT = "input";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Parses an alert record; records from before the own-drop alert have no cause and count as scale-ratio,
     * and records from before the input view have no view and count as the model's.
     */
    static AlertTransition parse(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            return new AlertTransition(
                    o.path("label").asText(),
                    o.path("state").asText(),
                    o.path("cause").asText(SCALE_RATIO),
                    o.path("view").asText(MODEL),
                    o.path("time").asLong(),
                    o.path("n").asLong(),
                    o.path("baselineN").asLong(-1),
                    number(o, "volume"),
                    number(o, "baselineVolume"),
                    number(o, "ratio"),
                    json);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable alert record: " + json, e);
        }
    }

    /** Whether this transition starts an alert (as opposed to RECOVERED). */
    boolean raises() {
        return !"RECOVERED".equals(state);
    }

    /**
     * Whether the class's count had fallen when the alert was raised: its window lost its scale (too few
     * vectors), or it held fewer than {@link #COUNT_FALL} of its usual count.
     */
    boolean countVisible() {
        if (Double.isNaN(ratio) && Double.isNaN(volume)) {
            return true;
        }
        return baselineN > 0 && n < COUNT_FALL * baselineN;
    }

    /** Whether only S saw it: the class had a usual count and its window still held it. */
    boolean semanticOnly() {
        return baselineN > 0 && !countVisible();
    }

    /** One line for the summary: what happened and whether counting would have seen it. */
    String describe(String displayName, long startMillis) {
        String when = String.format(Locale.ROOT, "%4ds", Math.max(0, (timeMillis - startMillis) / 1000));
        String count =
                baselineN > 0 ? n + " vectors in its window (usually " + baselineN + ")" : n + " vectors in its window";
        String figures = SCALE_RATIO.equals(cause)
                ? (Double.isNaN(ratio) ? "no scale" : String.format(Locale.ROOT, "S/max S %.2f", ratio))
                : String.format(Locale.ROOT, "S' %.1f against its usual %.1f", volume, baselineVolume);
        String seen = !raises()
                ? ""
                : countVisible()
                        ? "  [count-visible]"
                        : semanticOnly()
                                ? "  [semantic-only: the count did not fall]"
                                : "  [while its window first filled: no usual count yet]";
        return String.format(
                Locale.ROOT, "%s %-12s %-16s %-5s %s, %s%s", when, displayName, state, view, figures, count, seen);
    }

    private static double number(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }
}
