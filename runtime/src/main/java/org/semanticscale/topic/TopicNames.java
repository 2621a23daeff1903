package org.semanticscale.topic;

/** Default topic names (docs/semantic-scale.md, 'Topics'); every app lets its configuration rename them. */
public final class TopicNames {
    /** Labelled samples in: key = sample id, value = binary sample tensor. Written by users and ssi replay. */
    public static final String SAMPLES = "ssi.samples";
    /** Feature vectors: key = class label, value = binary (or JSON) feature vector. Written by the trainer or users. */
    public static final String FEATURES = "ssi.features";
    /** Compacted: key = class label, value = JSON scale record. Written by the streams-app. */
    public static final String SCALES = "ssi.scales";
    /**
     * Compacted: key = class label, value = JSON scale record of the input view (the same fields as {@link #SCALES}).
     * Written by the streams-app.
     */
    public static final String INPUT_SCALES = "ssi.input-scales";
    /** key = class label, value = JSON alert (UNDERREPRESENTED / COLLAPSED / RECOVERED, with its cause and view). Written by the streams-app. */
    public static final String ALERTS = "ssi.alerts";
    /** Refused records as received, with headers naming the reason and source. Written by every consumer. */
    public static final String DEAD_LETTERS = "ssi.dead-letters";

    private TopicNames() {}
}
