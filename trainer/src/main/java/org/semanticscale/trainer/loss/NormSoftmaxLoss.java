package org.semanticscale.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * NormSoftmax (Zhai and Wu 2019) on cosine similarities from a bias-free head with L2-normalised
 * inputs and class weights, {@code cos_j = x/|x| . w_j/|w_j|}, at temperature sigma:
 *
 * <pre>
 *   l = -log( exp(cos_y / sigma) / sum_j exp(cos_j / sigma) )
 * </pre>
 *
 * With DSB weights it is DSB-NSM (docs/semantic-scale.md, 'DSB losses'; sigma = 0.05 by default).
 */
public final class NormSoftmaxLoss extends ClassificationLoss {
    private final float inverseSigma;

    public NormSoftmaxLoss(double sigma) {
        super("norm-softmax");
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("NormSoftmax sigma must be > 0, was " + sigma);
        }
        this.inverseSigma = (float) (1 / sigma);
    }

    @Override
    protected NDArray perSampleLoss(NDArray classes, NDList predictions) {
        return crossEntropy(predictions.get(0).mul(inverseSigma), classes);
    }
}
