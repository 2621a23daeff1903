package org.semanticscale.topic;

/**
 * Every ssi.* topic, declared once: the key that renames it, its default name, whether it is compacted, and
 * whether it is a keyed input. Every app builds the specs of the topics it creates from here (through
 * {@link TopicLayout#spec}), so a topic comes out the same whichever app creates it first.
 *
 * <p>The keyed inputs take {@code topics.partitions} partitions: they are what the streams-app's stage A
 * spreads over its tasks. The outputs keep one partition: stage B, which writes scales and alerts, is one
 * task, the readers of the scales (the trainer, {@code ssi demo}) read them whole, and one partition keeps a
 * topic's records in the order they were written.
 */
public enum TopicRole {
    /** Labelled raw samples, keyed by sample id: the trainer's input and the input view's. */
    SAMPLES("topics.samples", TopicNames.SAMPLES, true, false),
    /** Feature vectors keyed by class label: the model view's input. */
    FEATURES("topics.features", TopicNames.FEATURES, true, false),
    /** The latest scale record per class (model view): compacted, since readers rebuild the state from it. */
    SCALES("topics.scales", TopicNames.SCALES, false, true),
    /** The latest scale record per class (input view): compacted like {@link #SCALES}. */
    INPUT_SCALES("topics.input-scales", TopicNames.INPUT_SCALES, false, true),
    /** Alert transitions, a history: kept by time, not compacted. */
    ALERTS("topics.alerts", TopicNames.ALERTS, false, false),
    /** Refused records as received: kept by time, not compacted. */
    DEAD_LETTERS("topics.dead-letters", TopicNames.DEAD_LETTERS, false, false);

    private final String key;
    private final String defaultName;
    private final boolean keyedInput;
    private final boolean compacted;

    TopicRole(String key, String defaultName, boolean keyedInput, boolean compacted) {
        this.key = key;
        this.defaultName = defaultName;
        this.keyedInput = keyedInput;
        this.compacted = compacted;
    }

    /** The setting that names the topic in every app, e.g. {@code topics.scales}. */
    public String key() {
        return key;
    }

    public String defaultName() {
        return defaultName;
    }

    /** True for the inputs whose partitions are {@code topics.partitions}; false for single-partition outputs. */
    public boolean keyedInput() {
        return keyedInput;
    }

    public boolean compacted() {
        return compacted;
    }
}
