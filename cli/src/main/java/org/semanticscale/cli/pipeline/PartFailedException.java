package org.semanticscale.cli.pipeline;

/** A part of a {@link Pipeline} failed, died or stalled; the message starts with the part's name. */
public final class PartFailedException extends IllegalStateException {
    private final String part;

    PartFailedException(String part, String detail, Throwable cause) {
        super(part + ": " + detail, cause);
        this.part = part;
    }

    /** The part's name, as {@link Pipeline} names it ("streams-app", "trainer", ...). */
    public String part() {
        return part;
    }
}
