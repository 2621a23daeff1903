package org.semanticscale.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Focal loss (Lin et al. 2017) on logits {@code z}:
 *
 * <pre>
 *   p_y = exp(z_y) / sum_j exp(z_j)
 *   l   = -(1 - p_y)^gamma * log p_y
 * </pre>
 *
 * The focal loss's {@code alpha_t} is the per-sample weight: DSB-Focal uses {@code alpha_t = a_i}.
 * {@code gamma = 0} is cross-entropy.
 */
public final class FocalLoss extends ClassificationLoss {
    /** Keeps {@code (1 - p)^gamma} differentiable when a sample is predicted with certainty and gamma < 1. */
    private static final float MIN_ONE_MINUS_P = 1e-12f;

    private final float gamma;

    public FocalLoss(double gamma) {
        super("focal");
        if (!(gamma >= 0)) {
            throw new IllegalArgumentException("focal gamma must be >= 0, was " + gamma);
        }
        this.gamma = (float) gamma;
    }

    @Override
    protected NDArray perSampleLoss(NDArray classes, NDList predictions) {
        NDArray logP = pick(predictions.get(0).logSoftmax(1), classes);
        NDArray modulator = logP.exp().neg().add(1f).maximum(MIN_ONE_MINUS_P).pow(gamma);
        return modulator.mul(logP).neg();
    }
}
