package org.semanticscale.trainer.model;

import ai.djl.ndarray.NDArray;

/** L2 normalisation of rows, as the cosine heads need. */
final class UnitVectors {
    /** Rows shorter than this (all-zero embeddings after ReLU) are divided by it instead of by 0. */
    private static final float MIN_NORM = 1e-12f;

    private UnitVectors() {}

    /** {@code a_i / max(|a_i|, MIN_NORM)} for each row of a (N, D). */
    static NDArray normalizeRows(NDArray a) {
        return a.div(a.norm(new int[] {1}, true).maximum(MIN_NORM));
    }
}
