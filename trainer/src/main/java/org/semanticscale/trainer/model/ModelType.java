package org.semanticscale.trainer.model;

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
}
