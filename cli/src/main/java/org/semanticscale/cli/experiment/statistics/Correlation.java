package org.semanticscale.cli.experiment.statistics;

import java.util.Arrays;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Correlation coefficients of two samples of equal length, computed by Commons Math. Pairs where either
 * value is NaN are left out; fewer than two pairs, or a sample with no spread, give NaN.
 */
public final class Correlation {
    private Correlation() {}

    /** Pearson's r = sum (x - mean x)(y - mean y) / sqrt(sum (x - mean x)^2 * sum (y - mean y)^2). */
    public static double pearson(double[] x, double[] y) {
        double[][] pairs = finitePairs(x, y);
        return pairs[0].length < 2 ? Double.NaN : new PearsonsCorrelation().correlation(pairs[0], pairs[1]);
    }

    /** Spearman's rho: Pearson's r of the ranks, tied values sharing the mean of their ranks. */
    public static double spearman(double[] x, double[] y) {
        double[][] pairs = finitePairs(x, y);
        return pairs[0].length < 2 ? Double.NaN : new SpearmansCorrelation().correlation(pairs[0], pairs[1]);
    }

    private static double[][] finitePairs(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("samples of different lengths: " + x.length + " and " + y.length);
        }
        double[] a = new double[x.length];
        double[] b = new double[y.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                a[n] = x[i];
                b[n] = y[i];
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(a, n), Arrays.copyOf(b, n)};
    }
}
