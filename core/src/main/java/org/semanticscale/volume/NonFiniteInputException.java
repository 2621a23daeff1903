package org.semanticscale.volume;

/** A sample holds NaN or an infinity; the volume of such a set is undefined. */
public final class NonFiniteInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int row;
    private final int column;

    public NonFiniteInputException(int row, int column, double value) {
        super("sample " + row + " has a non-finite value " + value + " at position " + column
                + "; remove or repair that sample before computing a volume");
        this.row = row;
        this.column = column;
    }

    /** Index (0-based) of the offending sample. */
    public int row() {
        return row;
    }

    /** Index (0-based) of the offending coordinate within the sample. */
    public int column() {
        return column;
    }
}
