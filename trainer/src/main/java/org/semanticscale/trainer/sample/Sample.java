package org.semanticscale.trainer.sample;

import java.util.Objects;

/**
 * One accepted training sample: its id, its class, and its values row-major in the model's input
 * shape.
 *
 * @param id         the sample id (from the record, else the Kafka key, else topic-partition@offset)
 * @param label      the class label
 * @param classIndex the label's position among the configured classes
 * @param data       the values, as many as the model's input shape holds
 */
public record Sample(String id, String label, int classIndex, float[] data) {
    public Sample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(data, "data");
    }
}
