package org.semanticscale.record;

import java.util.Objects;

/**
 * One feature vector of a class, as it travels on {@code ssi.features}.
 *
 * @param label        class label (not blank)
 * @param values       the vector, float32
 * @param modelVersion version of the model that produced it (the trainer's step), or {@link #NO_MODEL_VERSION}
 * @param sampleId     id of the sample it was computed from, or empty
 */
public record FeatureVector(String label, float[] values, long modelVersion, String sampleId) {
    /** Model version of vectors that no versioned model produced (users' own encoders). */
    public static final long NO_MODEL_VERSION = -1;

    public FeatureVector {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(sampleId, "sampleId");
    }

    public FeatureVector(String label, float[] values) {
        this(label, values, NO_MODEL_VERSION, "");
    }

    public int dimension() {
        return values.length;
    }
}
