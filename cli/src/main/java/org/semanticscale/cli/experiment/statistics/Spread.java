package org.semanticscale.cli.experiment.statistics;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * One figure over several seeds: the value of each seed, their mean and their sample standard deviation
 * sd = sqrt(sum (x - mean)^2 / (n - 1)). A NaN among the values makes the mean and sd NaN (a figure one
 * seed lacks has no mean over the seeds); one value has no sd (NaN).
 *
 * @param values one per seed, in seed order
 */
public record Spread(double[] values, double mean, double sd) {

    public Spread {
        values = values.clone();
    }

    public static Spread of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a spread needs at least one value");
        }
        double sd = values.length < 2 ? Double.NaN : new StandardDeviation(true).evaluate(values);
        return new Spread(values, StatUtils.mean(values), sd);
    }

    /** How many seeds. */
    public int n() {
        return values.length;
    }

    @Override
    public double[] values() {
        return values.clone();
    }
}
