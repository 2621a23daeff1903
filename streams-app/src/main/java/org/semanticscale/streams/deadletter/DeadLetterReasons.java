package org.semanticscale.streams.deadletter;

/** Reasons the streams-app adds to the record-format ones (unreadable, truncated, non-finite, empty-label, ...). */
public final class DeadLetterReasons {
    /** The vector's dimension differs from its class's window (or from features.dimension). */
    public static final String WRONG_DIMENSION = "wrong-dimension";
    /** The key names one class, the value another. */
    public static final String LABEL_MISMATCH = "label-mismatch";

    private DeadLetterReasons() {}
}
