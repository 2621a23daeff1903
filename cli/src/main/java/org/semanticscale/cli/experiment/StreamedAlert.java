package org.semanticscale.cli.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One record of {@code ssi.alerts} as the experiment keeps it.
 *
 * @param label the class
 * @param state UNDERREPRESENTED, COLLAPSED or RECOVERED
 * @param cause "scale-ratio" (S / max S below alert.threshold) or "own-drop" (S' below its own baseline)
 * @param view  the view that raised it: "model" (the scales of the trainer's features) or "input" (of the raw
 *              samples)
 * @param time  wall-clock epoch ms of the transition
 */
record StreamedAlert(String label, String state, String cause, String view, long time) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Parses an alert record. One without a cause predates the own-drop alert (scale-ratio); one without a view
     * predates the input view (model).
     *
     * @throws IllegalStateException naming the record when it is not an alert's JSON
     */
    static StreamedAlert parse(String json) {
        JsonNode o;
        try {
            o = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable record on the alerts topic: " + json, e);
        }
        if (!o.path("label").isTextual()
                || !o.path("state").isTextual()
                || !o.path("time").isIntegralNumber()) {
            throw new IllegalStateException("a record on the alerts topic without label, state or time: " + json);
        }
        return new StreamedAlert(
                o.get("label").asText(),
                o.get("state").asText(),
                o.path("cause").asText("scale-ratio"),
                o.path("view").asText(StreamedView.MODEL.alertName()),
                o.get("time").asLong());
    }

    /** Whether it raises an alert (COLLAPSED or UNDERREPRESENTED), as opposed to RECOVERED. */
    boolean raises() {
        return state.equals("COLLAPSED") || state.equals("UNDERREPRESENTED");
    }
}
