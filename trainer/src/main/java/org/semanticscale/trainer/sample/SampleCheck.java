package org.semanticscale.trainer.sample;

/** What {@link SampleValidator} says about one record: a sample to train on, or why it was refused. */
public sealed interface SampleCheck {

    /** A whole, finite sample of a configured class in a shape the model takes. */
    record Accepted(Sample sample) implements SampleCheck {}

    /**
     * A refused record.
     *
     * @param reason machine-readable code for dead-letter headers and metrics (see {@link SampleValidator#REASONS})
     * @param detail what exactly was wrong, for people
     */
    record Rejected(String reason, String detail) implements SampleCheck {}
}
