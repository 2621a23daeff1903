package org.semanticscale.trainer.loss;

import java.util.function.Supplier;

/** Builds the configured loss. */
public final class Losses {
    private Losses() {}

    /**
     * @param classCounts samples seen per class (LDAM's margins and balanced softmax's prior read it)
     */
    public static ClassificationLoss create(LossType type, LossParameters p, Supplier<long[]> classCounts) {
        return switch (type) {
            case CE -> new CrossEntropyLoss();
            case FOCAL -> new FocalLoss(p.focalGamma());
            case LDAM -> new LdamLoss(p.ldamMaxMargin(), p.ldamScale(), classCounts);
            case BALANCED_SOFTMAX -> new BalancedSoftmaxLoss(classCounts);
            case NORM_SOFTMAX -> new NormSoftmaxLoss(p.normSoftmaxSigma());
            case SOFTTRIPLE ->
                new SoftTripleLoss(
                        p.softTripleLambda(),
                        p.softTripleGamma(),
                        p.softTripleTau(),
                        p.softTripleDelta(),
                        p.softTripleCentres());
        };
    }

    /** The hyperparameters of every loss; each loss reads its own. */
    public record LossParameters(
            double focalGamma,
            double ldamMaxMargin,
            double ldamScale,
            double normSoftmaxSigma,
            double softTripleLambda,
            double softTripleGamma,
            double softTripleTau,
            double softTripleDelta,
            int softTripleCentres) {}
}
