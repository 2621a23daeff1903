package org.semanticscale.cli.experiment;

import java.util.Map;
import java.util.Optional;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.trainer.weights.LossWeighting;

/**
 * The two views the streams-app publishes scales and alerts of (docs/semantic-scale.md, 'Two views'): the model
 * view, the scales of the trainer's features on {@code ssi.scales} (what DSB weighs with), and the input view, the
 * scales of a fixed seeded projection of the raw samples on {@code ssi.input-scales} (no model involved).
 */
enum StreamedView {
    MODEL("model"),
    INPUT("input");

    private final String alertName;

    StreamedView(String alertName) {
        this.alertName = alertName;
    }

    /** How an alert's {@code view} field, and {@code focus.alertSeconds}, name it. */
    String alertName() {
        return alertName;
    }

    /**
     * A focus figure's field in this view: the model view keeps the names it had before there were two views
     * ({@code volumeRatio}), the input view's carry its name ({@code inputVolumeRatio}).
     */
    String field(String name) {
        return this == MODEL ? name : alertName + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** The view a weighting takes its DSB weights from; empty for a weighting that reads no scales. */
    static Optional<StreamedView> weighing(LossWeighting weighting) {
        return switch (weighting) {
            case DSB -> Optional.of(MODEL);
            case DSB_INPUT -> Optional.of(INPUT);
            case NONE, CLASS_BALANCED -> Optional.empty();
        };
    }

    /** The view's newest record per class at the end of a run (empty when the streams-app published none). */
    Map<String, ScaleRecord> scales(MethodOutcome outcome) {
        return this == MODEL ? outcome.streamedScales() : outcome.streamedInputScales();
    }
}
