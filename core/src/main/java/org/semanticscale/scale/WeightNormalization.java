package org.semanticscale.scale;

import java.util.Locale;

/** How DSB loss weights are normalised (docs/semantic-scale.md, 'Loss weights'). */
public enum WeightNormalization {
    /** {@code a_i = (1/S_i) / sum_j (1/S_j)}: weights sum to one, as the paper writes. */
    SUM_TO_ONE("sum-to-one"),
    /** The paper's weights times C: they sum to the number of classes, so the loss keeps its usual magnitude. */
    SUM_TO_CLASSES("sum-to-classes");

    private final String configName;

    WeightNormalization(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration and on the command line. */
    public String configName() {
        return configName;
    }

    /** Parses {@code sum-to-one} or {@code sum-to-classes} (case-insensitive). */
    public static WeightNormalization fromConfigName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (WeightNormalization w : values()) {
            if (w.configName.equals(wanted)) {
                return w;
            }
        }
        throw new IllegalArgumentException(
                "unknown weight normalisation '" + name + "': use sum-to-one or sum-to-classes");
    }

    @Override
    public String toString() {
        return configName;
    }
}
