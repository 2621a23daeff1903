package org.semanticscale.trainer.weights;

import java.util.List;
import java.util.function.Supplier;
import org.semanticscale.scaletopic.ScaleSnapshot;

/**
 * Chooses the class weights of each step: none before BALANCE (docs/semantic-scale.md, 'Dynamic
 * re-weighting': the plain loss while the streams-app's windows fill and refresh, for every weighting so runs
 * differ only in the weights), then the configured weighting. DSB reads the newest snapshot of the model view
 * ({@code ssi.scales}) at every step, DSB-input the newest of the input view ({@code ssi.input-scales}).
 *
 * <p>DSB weights are computed again only when the view holds a new snapshot (snapshots are immutable, and a
 * view replaces its snapshot on every change): with thousands of classes a step then costs no pass over them.
 * Class-Balanced weights follow the counts, which change every step, and are computed at every step.
 *
 * <p>Used by the training thread only.
 */
public final class WeightPolicy {
    private final LossWeighting weighting;
    private final List<String> labels;
    private final double classBalancedBeta;
    private final Supplier<ScaleSnapshot> scales;
    private final Supplier<ScaleSnapshot> inputScales;
    /** The snapshot {@link #dsbWeights} were computed from; null before the first. */
    private ScaleSnapshot dsbSource;

    private double[] dsbWeights;

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
     * no weighting, or with DSB before any class has a scale in the view it reads. The same array is returned
     * for as long as the weights do not change: read it, do not modify it.
     *
     * @param balancing whether the trainer is in its BALANCE stage
     * @param counts    samples trained per class, the batch about to be trained included (read under
     *                  class-balanced only)
     */
    public double[] weightsFor(boolean balancing, Supplier<long[]> counts) {
        if (!balancing) {
            return null;
        }
        return switch (weighting) {
            case NONE -> null;
            case DSB -> dsb(scales.get());
            case DSB_INPUT -> dsb(inputScales.get());
            case CLASS_BALANCED -> ClassWeights.classBalanced(counts.get(), classBalancedBeta);
        };
    }

    private double[] dsb(ScaleSnapshot snapshot) {
        if (snapshot != dsbSource) {
            dsbWeights = ClassWeights.dsb(labels, snapshot);
            dsbSource = snapshot;
        }
        return dsbWeights;
    }
}
