package org.semanticscale.trainer.weights;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Class weights in one line, for logs and the console: every class when there are few; with thousands, the
 * first few, the mean and the extremes with their classes, so that a line stays a line.
 */
public final class WeightSummary {
    /** Up to this many classes every weight is listed. */
    static final int LISTED_CLASSES = 20;
    /** With more classes, this many are listed before the summary. */
    static final int FIRST_CLASSES = 5;

    private WeightSummary() {}

    /**
     * @param labels  the classes, in model order
     * @param weights their weights, or null for the plain loss
     */
    public static String of(List<String> labels, double[] weights) {
        if (weights == null) {
            return "none (plain loss)";
        }
        if (labels.size() <= LISTED_CLASSES) {
            return listed(labels, weights, labels.size());
        }
        int min = 0;
        int max = 0;
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            min = weights[i] < weights[min] ? i : min;
            max = weights[i] > weights[max] ? i : max;
        }
        return String.format(
                "%d classes, mean %.3f, min %.3f (%s), max %.3f (%s); the first %s",
                labels.size(),
                sum / weights.length,
                weights[min],
                labels.get(min),
                weights[max],
                labels.get(max),
                listed(labels, weights, FIRST_CLASSES));
    }

    private static String listed(List<String> labels, double[] weights, int count) {
        Map<String, String> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            byLabel.put(labels.get(i), String.format("%.3f", weights[i]));
        }
        return byLabel.toString();
    }
}
