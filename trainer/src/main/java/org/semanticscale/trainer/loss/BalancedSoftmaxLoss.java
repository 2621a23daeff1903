package org.semanticscale.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.function.Supplier;

/**
 * Balanced softmax (Ren et al. 2020) on logits {@code z}, with {@code n_j} the samples of class j
 * seen so far:
 *
 * <pre>
 *   l = -log( n_y exp(z_y) / sum_j n_j exp(z_j) ) = cross-entropy of (z_j + log n_j)
 * </pre>
 *
 * A class not seen yet counts as 1, so its shifted logit stays finite. Predictions use the plain
 * logits (the prior shift is for training only).
 */
public final class BalancedSoftmaxLoss extends ClassificationLoss {
    private final Supplier<long[]> classCounts;

    /** @param classCounts samples seen per class, read at every evaluation */
    public BalancedSoftmaxLoss(Supplier<long[]> classCounts) {
        super("balanced-softmax");
        this.classCounts = classCounts;
    }

    @Override
    protected NDArray perSampleLoss(NDArray classes, NDList predictions) {
        NDArray logits = predictions.get(0);
        long[] counts = classCounts.get();
        float[] logPrior = new float[counts.length];
        for (int j = 0; j < counts.length; j++) {
            logPrior[j] = (float) Math.log(Math.max(counts[j], 1));
        }
        NDArray shift = logits.getManager().create(logPrior).reshape(1, counts.length);
        return crossEntropy(logits.add(shift), classes);
    }
}
