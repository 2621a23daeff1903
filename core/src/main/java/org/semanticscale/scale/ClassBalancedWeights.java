package org.semanticscale.scale;

/**
 * Class-Balanced weights (Cui et al. 2019), the count-based baseline (docs/semantic-scale.md, 'Class-Balanced
 * weights'): {@code w_i = (1 - beta) / (1 - beta^{n_i})}, renormalised to sum to C.
 *
 * <p>{@code 1 - beta^n} is evaluated as {@code -expm1(n log beta)}, which keeps its digits when beta is
 * close to 1 (the default 0.9999), where the naive form cancels.
 */
public final class ClassBalancedWeights {
    /** The default beta of the Class-Balanced loss paper. */
    public static final double DEFAULT_BETA = 0.9999;

    private ClassBalancedWeights() {}

    /**
     * Weights for the given class counts, summing to {@code counts.length}. A class with no samples
     * gets weight 0 and is left out of C.
     */
    public static double[] of(long[] counts, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("beta must be in [0, 1), was " + beta);
        }
        double[] w = new double[counts.length];
        double sum = 0;
        int classes = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] <= 0) {
                continue;
            }
            // (1 - beta) / (1 - beta^n); with beta = 0 every class weighs the same.
            w[i] = beta == 0 ? 1 : (1 - beta) / -Math.expm1(counts[i] * Math.log(beta));
            sum += w[i];
            classes++;
        }
        if (classes == 0) {
            return w;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = w[i] * classes / sum;
        }
        return w;
    }
}
