package org.semanticscale.cli.experiment.statistics;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A method against a baseline on the same seeds: the differences d_i = x_i - b_i of one figure, seed by
 * seed, their mean and sd ({@link Spread}), and the t-interval of the mean difference,
 * mean +- t(1 - (1 - level) / 2, n - 1) * sd / sqrt(n), with the t quantile from Commons Math. With one
 * seed, or a difference that is NaN, there is no interval (null).
 *
 * @param differences the per-seed differences, their mean and sd
 * @param interval    the 95 % t-interval of the mean difference, or null
 */
public record PairedDifference(Spread differences, Interval interval) {
    /** The confidence level of the interval. */
    public static final double LEVEL = 0.95;

    /**
     * A confidence interval of a mean.
     *
     * @param level     its confidence level, e.g. 0.95
     * @param halfWidth t * sd / sqrt(n)
     */
    public record Interval(double level, double low, double high, double halfWidth) {
        /** The same interval in another unit, e.g. points from fractions ({@code factor > 0}). */
        public Interval times(double factor) {
            return new Interval(level, factor * low, factor * high, factor * halfWidth);
        }

        /** True when the interval lies wholly above zero. */
        public boolean aboveZero() {
            return low > 0;
        }
    }

    /**
     * Pairs {@code method[i]} with {@code baseline[i]} (the same seed).
     *
     * @throws IllegalArgumentException when the two have different lengths or none
     */
    public static PairedDifference of(double[] method, double[] baseline) {
        if (method.length != baseline.length) {
            throw new IllegalArgumentException(
                    "paired samples of different lengths: " + method.length + " and " + baseline.length);
        }
        double[] d = new double[method.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = method[i] - baseline[i];
        }
        Spread s = Spread.of(d);
        return new PairedDifference(s, interval(s));
    }

    /** The mean difference. */
    public double mean() {
        return differences.mean();
    }

    private static Interval interval(Spread s) {
        int n = s.n();
        if (n < 2 || !Double.isFinite(s.mean()) || !Double.isFinite(s.sd())) {
            return null;
        }
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - LEVEL) / 2);
        double half = t * s.sd() / Math.sqrt(n);
        return new Interval(LEVEL, s.mean() - half, s.mean() + half, half);
    }
}
