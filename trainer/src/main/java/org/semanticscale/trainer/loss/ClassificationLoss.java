package org.semanticscale.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.loss.Loss;

/**
 * The shape every trainer loss shares: a per-sample loss {@code l_n}, weighted by the weight of the
 * sample's class and averaged over the batch,
 *
 * <pre>
 *   L = (1/N) * sum_n w_n * l_n   [+ R, a regulariser of the model's own parameters]
 * </pre>
 *
 * <p>Labels are {@code [class indices (N)]}, or {@code [class indices (N), per-sample weights (N)]}
 * when the loss is re-weighted (DSB: {@code w_n = a_{y_n}}; Class-Balanced; none: no second array).
 * Predictions are the outputs of the model's head. Dividing by N, not by {@code sum w_n}, keeps the
 * mean independent of the batch size and lets weights that average 1 over the classes keep the
 * loss's usual magnitude.
 *
 * <p>Subclasses give {@code l_n} and, when predictions are not logits, the class scores to predict with.
 */
public abstract class ClassificationLoss extends Loss {

    protected ClassificationLoss(String name) {
        super(name);
    }

    @Override
    public final NDArray evaluate(NDList labels, NDList predictions) {
        NDArray perSample = perSampleLoss(labels.get(0), predictions);
        if (labels.size() > 1) {
            perSample = perSample.mul(labels.get(1));
        }
        NDArray mean = perSample.mean();
        NDArray regulariser = regulariser(predictions);
        return regulariser == null ? mean : mean.add(regulariser);
    }

    /** {@code l_n} for every sample, shape (N). */
    protected abstract NDArray perSampleLoss(NDArray classes, NDList predictions);

    /** A term added once to the batch mean (not weighted), or null for none. */
    protected NDArray regulariser(NDList predictions) {
        return null;
    }

    /** Each class's score for each sample, (N, C); the prediction is its argmax. */
    public NDArray classScores(NDList predictions) {
        return predictions.get(0);
    }

    /** {@code -log softmax(z)_y} for each row of {@code z} (N, C). */
    protected static NDArray crossEntropy(NDArray logits, NDArray classes) {
        return pick(logits.logSoftmax(1), classes).neg();
    }

    /** {@code values[n, classes[n]]}, shape (N). */
    protected static NDArray pick(NDArray values, NDArray classes) {
        return values.get(new NDIndex().addAllDim().addPickDim(classes)).reshape(-1);
    }
}
