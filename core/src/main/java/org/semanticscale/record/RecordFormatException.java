package org.semanticscale.record;

import java.util.Locale;

/**
 * A record could not be decoded. Nothing partial is ever returned alongside it: the caller either
 * gets a whole, finite record or this exception with the {@link Reason} to dead-letter it under.
 */
public final class RecordFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Why a record was refused; {@link #code()} is what dead-letter headers and metrics carry. */
    public enum Reason {
        /** Not a record of ours: bad magic, not JSON, wrong JSON shape. */
        UNREADABLE,
        /** A format version this build does not know. */
        UNSUPPORTED_VERSION,
        /** A feature vector where a sample tensor was expected, or the reverse. */
        WRONG_KIND,
        /** The bytes end before the header or the data does. */
        TRUNCATED,
        /** Bytes left over after the data, or a shape that does not match the data. */
        WRONG_LENGTH,
        /** NaN or an infinity among the values. */
        NON_FINITE,
        /** No label, or a blank one. */
        EMPTY_LABEL,
        /** A label or sample id longer than the layout allows. */
        FIELD_TOO_LONG,
        /** More values than {@link BinaryRecords#MAX_ELEMENTS}. */
        TOO_LARGE;

        /** Lower-case, dash-separated name, e.g. {@code non-finite}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    public RecordFormatException(Reason reason, String message) {
        super(reason.code() + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
