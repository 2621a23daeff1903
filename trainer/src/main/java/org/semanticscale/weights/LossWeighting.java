package org.semanticscale.weights;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How each sample's loss is weighted (configuration key {@code loss.weighting}): by the weight of its class. */
public enum LossWeighting {
    /** Every sample weighs 1. */
    NONE("none"),
    /** Dynamic semantic-scale-balanced: the DSB weights the streams-app publishes on {@code ssi.scales} (SPEC 1.3). */
    DSB("dsb"),
    /** Class-Balanced (Cui et al. 2019) from the counts of samples the trainer has seen. */
    CLASS_BALANCED("class-balanced");

    private final String configName;

    LossWeighting(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(LossWeighting::configName).toList();
    }

    public static LossWeighting fromConfigName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (LossWeighting w : values()) {
            if (w.configName.equals(wanted)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown loss weighting '" + name + "': use one of " + configNames());
    }
}
