package org.semanticscale.trainer.evaluation;

/** Predicts class indices for rows of inputs: the model, as evaluation sees it. */
@FunctionalInterface
public interface ClassPredictor {
    /** Predicted class index of each of {@code count} rows of a flat row-major array. */
    int[] predict(float[] rows, int count);
}
