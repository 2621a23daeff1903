package org.semanticscale.sketch;

/** An input too long to project: its matrix would hold more than {@link RandomProjection#MAX_ENTRIES} entries. */
public final class ProjectionTooLargeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ProjectionTooLargeException(int inputLength, int dimension, long maxEntries) {
        super("an input of " + inputLength + " values projected to " + dimension + " dimensions needs "
                + (long) inputLength * dimension + " matrix entries, more than the " + maxEntries
                + " allowed: lower input.dimension or down-sample the inputs");
    }
}
