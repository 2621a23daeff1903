package org.semanticscale.cli.experiment;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Correlation coefficients of two samples of equal length. Pairs where either value is NaN are
 * left out; fewer than two pairs, or a sample with no spread, give NaN.
 */
public final class Correlation {
    private Correlation() {}

    /**
     * Pearson's r = sum (x - mean x)(y - mean y) / sqrt(sum (x - mean x)^2 * sum (y - mean y)^2),
     * with the means taken first (two passes: no cancellation of large sums).
     */
    public static double pearson(double[] x, double[] y) {
        double[][] pairs = finitePairs(x, y);
        double[] a = pairs[0];
        double[] b = pairs[1];
        int n = a.length;
        if (n < 2) {
            return Double.NaN;
        }
        double meanA = Arrays.stream(a).average().orElse(Double.NaN);
        double meanB = Arrays.stream(b).average().orElse(Double.NaN);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - meanA;
            double db = b[i] - meanB;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /** Spearman's rho: Pearson's r of the ranks, tied values sharing the mean of their ranks. */
    public static double spearman(double[] x, double[] y) {
        double[][] pairs = finitePairs(x, y);
        return pairs[0].length < 2 ? Double.NaN : pearson(ranks(pairs[0]), ranks(pairs[1]));
    }

    /** Ranks from 1 (smallest) to n; each group of equal values gets the mean of the ranks it spans. */
    public static double[] ranks(double[] values) {
        int n = values.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            // positions i..j (0-based) hold ranks i+1..j+1: their mean is (i + j) / 2 + 1
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = rank;
            }
            i = j + 1;
        }
        return ranks;
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
