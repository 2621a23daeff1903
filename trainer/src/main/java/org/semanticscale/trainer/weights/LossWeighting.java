package org.semanticscale.trainer.weights;

/** How each sample's loss is weighted (configuration key {@code loss.weighting}): by the weight of its class. */
public enum LossWeighting {
    /** Every sample weighs 1. */
    NONE("none"),
    /**
     * Dynamic semantic-scale-balanced: the DSB weights the streams-app publishes on {@code ssi.scales}
     * (docs/semantic-scale.md, 'Loss weights').
     */
    DSB("dsb"),
    /**
     * DSB from the input view: the weights the streams-app publishes on {@code ssi.input-scales}, the scales of a
     * fixed seeded projection of the raw samples (docs/semantic-scale.md, 'Two views'), not of the model's features.
     */
    DSB_INPUT("dsb-input"),
    /** Class-Balanced (Cui et al. 2019) from the counts of samples the trainer has seen. */
    CLASS_BALANCED("class-balanced");

    private final String configName;

    LossWeighting(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
