package org.semanticscale.volume;

/** Cholesky met a pivot that is not positive: the matrix is not symmetric positive definite. */
public final class NotPositiveDefiniteException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    public NotPositiveDefiniteException(int pivotIndex, double pivot, int size) {
        super("matrix of size " + size + " is not positive definite: pivot " + pivotIndex + " is " + pivot);
    }
}
