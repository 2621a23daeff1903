package org.semanticscale.model;

import java.util.List;
import java.util.Locale;

/** The backbones the trainer builds (configuration key {@code model.type}). */
public enum ModelType {
    /** Fully connected layers over the flattened input: vectors and flattened images. */
    MLP("mlp"),
    /** Two 3x3 convolutions with 2x2 max pooling, then fully connected layers: 28x28 and 32x32x3 images. */
    CNN("cnn");

    private final String configName;

    ModelType(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static List<String> configNames() {
        return java.util.Arrays.stream(values()).map(ModelType::configName).toList();
    }

    /** Parses a name from {@link #configNames()} (case-insensitive). */
    public static ModelType fromConfigName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (ModelType t : values()) {
            if (t.configName.equals(wanted)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown model type '" + name + "': use one of " + configNames());
    }
}
