package org.semanticscale.benchmarks.streams;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The medians and percentiles the streams benchmarks report. */
final class Percentiles {
    private Percentiles() {}

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The {@code q} quantile of sorted values (nearest rank), -1 when there are none. */
    static long percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
