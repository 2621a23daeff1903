package org.semanticscale.trainer.checkpoint;

import java.nio.file.Path;

/**
 * A checkpoint whose offsets belong to another log (another cluster, a deleted and recreated topic,
 * another topic): resuming it would skip samples or train them twice.
 */
public final class ForeignCheckpointException extends IncompatibleCheckpointException {
    private static final long serialVersionUID = 1L;

    public ForeignCheckpointException(Path checkpoint, String why) {
        super("the checkpoint in " + checkpoint + " cannot be resumed here: " + why);
    }

    /** The same refusal, with what to do about it. */
    public ForeignCheckpointException(ForeignCheckpointException refusal, String choices) {
        super(refusal.getMessage() + "; " + choices);
    }
}
