package org.semanticscale.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.function.Supplier;

/**
 * LDAM, the label-distribution-aware margin loss (Cao et al. 2019), on cosine logits {@code z}
 * (as in the authors' code; the scale s assumes |z| <= 1), with {@code n_j} the samples of class j
 * seen so far:
 *
 * <pre>
 *   Delta_j = m * n_j^(-1/4) / max_k n_k^(-1/4)          (the rarest class gets the largest margin m)
 *   l       = -log( exp(s (z_y - Delta_y)) / (exp(s (z_y - Delta_y)) + sum_{j != y} exp(s z_j)) )
 * </pre>
 *
 * Defaults m = 0.5, s = 30. The maximum runs over classes seen; a class not seen yet gets m.
 */
public final class LdamLoss extends ClassificationLoss {
    private final double maxMargin;
    private final float scale;
    private final Supplier<long[]> classCounts;

    /** @param classCounts samples seen per class, read at every evaluation */
    public LdamLoss(double maxMargin, double scale, Supplier<long[]> classCounts) {
        super("ldam");
        if (!(maxMargin >= 0) || !(scale > 0)) {
            throw new IllegalArgumentException(
                    "LDAM needs a margin >= 0 and a scale > 0, got " + maxMargin + " and " + scale);
        }
        this.maxMargin = maxMargin;
        this.scale = (float) scale;
        this.classCounts = classCounts;
    }

    /** {@code Delta_j} for the given counts. */
    public static float[] margins(long[] counts, double maxMargin) {
        double largest = 0;
        for (long n : counts) {
            if (n > 0) {
                largest = Math.max(largest, Math.pow(n, -0.25));
            }
        }
        float[] margins = new float[counts.length];
        for (int j = 0; j < counts.length; j++) {
            margins[j] = (float) (counts[j] > 0 ? maxMargin * Math.pow(counts[j], -0.25) / largest : maxMargin);
        }
        return margins;
    }

    @Override
    protected NDArray perSampleLoss(NDArray classes, NDList predictions) {
        NDArray cosines = predictions.get(0);
        int numClasses = (int) cosines.getShape().get(1);
        NDArray margins = cosines.getManager()
                .create(margins(classCounts.get(), maxMargin))
                .reshape(1, numClasses);
        // Subtract Delta_y from the true class's logit only.
        NDArray shifted = cosines.sub(classes.oneHot(numClasses).mul(margins));
        return crossEntropy(shifted.mul(scale), classes);
    }
}
