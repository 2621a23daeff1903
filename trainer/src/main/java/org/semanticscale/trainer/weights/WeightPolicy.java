package org.semanticscale.trainer.weights;

import java.util.List;
import java.util.function.Supplier;
import org.semanticscale.scaletopic.ScaleSnapshot;

/**
 * Chooses the class weights of each step: none before BALANCE (docs/semantic-scale.md, 'Dynamic
 * re-weighting': the plain loss while the streams-app's windows fill and refresh, for every weighting so runs
 * differ only in the weights), then the configured weighting. DSB reads the newest snapshot of the model view
 * ({@code ssi.scales}) at every step, DSB-input the newest of the input view ({@code ssi.input-scales}).
 */
public final class WeightPolicy {
    private final LossWeighting weighting;
    private final List<String> labels;
    private final double classBalancedBeta;
    private final Supplier<ScaleSnapshot> scales;
    private final Supplier<ScaleSnapshot> inputScales;

    /**
     * @param scales      the newest scales of the model's features (read under {@code dsb})
     * @param inputScales the newest scales of the input view (read under {@code dsb-input})
     */
    public WeightPolicy(
            LossWeighting weighting,
            List<String> labels,
            double classBalancedBeta,
            Supplier<ScaleSnapshot> scales,
            Supplier<ScaleSnapshot> inputScales) {
        this.weighting = weighting;
        this.labels = List.copyOf(labels);
        this.classBalancedBeta = classBalancedBeta;
        this.scales = scales;
        this.inputScales = inputScales;
    }

    public LossWeighting weighting() {
        return weighting;
    }

    /**
     * The weight of each class for the next step, or null for the plain loss: before BALANCE, with
     * no weighting, or with DSB before any class has a scale in the view it reads.
     *
     * @param balancing whether the trainer is in its BALANCE stage
     * @param counts    samples trained per class, the batch about to be trained included
     */
    public double[] weightsFor(boolean balancing, long[] counts) {
        if (!balancing) {
            return null;
        }
        return switch (weighting) {
            case NONE -> null;
            case DSB -> ClassWeights.dsb(labels, scales.get());
            case DSB_INPUT -> ClassWeights.dsb(labels, inputScales.get());
            case CLASS_BALANCED -> ClassWeights.classBalanced(counts, classBalancedBeta);
        };
    }
}
