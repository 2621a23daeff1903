package org.semanticscale.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * One labelled training sample, as it travels on {@code ssi.samples}: a raw input tensor in row-major
 * order with its shape (for example [784] for a flattened image or [1, 28, 28] for a channel-first one).
 *
 * @param label    class label (not blank)
 * @param shape    dimensions, each at least 1; their product is {@code data.length}
 * @param data     values, float32, row-major
 * @param sampleId the sample's id (also the Kafka key), or empty
 */
public record LabelledTensor(String label, int[] shape, float[] data, String sampleId) {
    public LabelledTensor {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(sampleId, "sampleId");
        long elements = 1;
        for (int dim : shape) {
            elements *= dim;
        }
        if (shape.length == 0 || elements != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " does not hold " + data.length + " values");
        }
    }
}
