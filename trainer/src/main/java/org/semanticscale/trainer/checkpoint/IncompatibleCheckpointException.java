package org.semanticscale.trainer.checkpoint;

/**
 * A checkpoint that cannot be resumed from with the current configuration (another network, another
 * topic). Not a damaged checkpoint: falling back to an older one would not help, so it stops the start.
 */
public class IncompatibleCheckpointException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public IncompatibleCheckpointException(String message) {
        super(message);
    }
}
