package org.semanticscale.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Softmax cross-entropy on logits {@code z}:
 *
 * <pre>
 *   l = -log( exp(z_y) / sum_j exp(z_j) )
 * </pre>
 *
 * With DSB weights ({@code w_n = a_{y_n}}) it is DSB-CE: {@code DSB(z, y=i) = a_i * l}
 * (docs/semantic-scale.md, 'DSB losses').
 */
public final class CrossEntropyLoss extends ClassificationLoss {

    public CrossEntropyLoss() {
        super("ce");
    }

    @Override
    protected NDArray perSampleLoss(NDArray classes, NDList predictions) {
        return crossEntropy(predictions.get(0), classes);
    }
}
