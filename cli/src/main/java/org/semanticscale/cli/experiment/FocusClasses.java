package org.semanticscale.cli.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.semanticscale.cli.experiment.statistics.Correlation;
import org.semanticscale.record.ScaleRecord;

/**
 * The classes a study follows as a group ({@code --focus}), e.g. the narrowed classes of
 * {@code narrow:balanced/0+4+8:K}, and their figures under one method in one seed:
 * <ul>
 *   <li>accuracy: the mean test accuracy of the focus classes;</li>
 *   <li>volume ratio: their mean streamed S' over the other classes' median streamed S';</li>
 *   <li>weight ratio: their mean DSB weight over the other classes' mean DSB weight;</li>
 *   <li>Pearson's r of per-class accuracy with the streamed S, over all classes.</li>
 * </ul>
 * "Streamed" is the newest scales record of each class on {@code ssi.scales} when the run ends (its
 * window of the trainer's features, the figures DSB weighs with); a class without a scale there makes the
 * ratios NaN.
 *
 * @param labels the focus classes, in the order given
 * @param names  their display names
 */
record FocusClasses(List<String> labels, List<String> names) {
    /** Every figure: the accuracy, then the streamed ones. */
    List<Figure> figures() {
        List<Figure> out = new ArrayList<>();
        out.add(accuracyFigure());
        out.addAll(streamedFigures());
        return out;
    }

    /** The figures from the streamed scales: the S' and weight ratios and Pearson's r with the streamed S. */
    List<Figure> streamedFigures() {
        return List.of(
                new Figure(List.of("focus", "volumeRatio"), "S' ratio", this::volumeRatio),
                new Figure(List.of("focus", "weightRatio"), "weight ratio", this::weightRatio),
                new Figure(
                        List.of("focus", "pearsonAccuracyStreamedScale"),
                        "Pearson(accuracy, streamed S)",
                        this::pearsonAccuracyStreamedScale));
    }

    /** The focus classes' mean accuracy, the figure compared with the baseline. */
    Figure accuracyFigure() {
        return new Figure(List.of("focus", "accuracy"), "focus accuracy", this::accuracy);
    }

    /**
     * The focus classes of {@code --focus}.
     *
     * @param requested the labels given
     * @param classes   the data set's labels
     * @throws IllegalArgumentException for a label the data set does not have, or all of them (no others to compare with)
     */
    static FocusClasses of(List<String> requested, List<String> classes, List<String> classNames) {
        for (String label : requested) {
            if (!classes.contains(label)) {
                throw new IllegalArgumentException(
                        "--focus: class '" + label + "' is not one of the data set's classes " + classes);
            }
        }
        if (!requested.isEmpty() && requested.size() == classes.size()) {
            throw new IllegalArgumentException(
                    "--focus names every class: leave at least one out to compare the focus classes with");
        }
        return new FocusClasses(
                requested,
                requested.stream().map(l -> classNames.get(classes.indexOf(l))).toList());
    }

    boolean isEmpty() {
        return labels.isEmpty();
    }

    /** The mean test accuracy of the focus classes (those with test samples). */
    double accuracy(MethodResult m) {
        double sum = 0;
        int known = 0;
        for (ClassResult c : m.classes()) {
            if (labels.contains(c.label()) && !Double.isNaN(c.accuracy())) {
                sum += c.accuracy();
                known++;
            }
        }
        return known == 0 ? Double.NaN : sum / known;
    }

    /** Mean streamed S' of the focus classes / median streamed S' of the others. */
    double volumeRatio(MethodResult m) {
        return mean(streamed(m, true, ScaleRecord::volume)) / median(streamed(m, false, ScaleRecord::volume));
    }

    /** Mean streamed DSB weight of the focus classes / mean streamed DSB weight of the others. */
    double weightRatio(MethodResult m) {
        return mean(streamed(m, true, ScaleRecord::weight)) / mean(streamed(m, false, ScaleRecord::weight));
    }

    /** Pearson's r of per-class test accuracy with the streamed S, over every class with both. */
    double pearsonAccuracyStreamedScale(MethodResult m) {
        double[] accuracy = new double[m.classes().size()];
        double[] scale = new double[accuracy.length];
        for (int i = 0; i < accuracy.length; i++) {
            ClassResult c = m.classes().get(i);
            ScaleRecord s = m.outcome().streamedScales().get(c.label());
            accuracy[i] = c.accuracy();
            scale[i] = s == null ? Double.NaN : s.scale();
        }
        return Correlation.pearson(accuracy, scale);
    }

    /** A streamed figure of the focus classes ({@code inFocus}) or of the others; NaN for a class without a record. */
    private double[] streamed(MethodResult m, boolean inFocus, ToDoubleFunction<ScaleRecord> f) {
        List<Double> out = new ArrayList<>();
        for (ClassResult c : m.classes()) {
            if (labels.contains(c.label()) == inFocus) {
                ScaleRecord s = m.outcome().streamedScales().get(c.label());
                out.add(s == null ? Double.NaN : f.applyAsDouble(s));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double mean(double[] values) {
        return StatUtils.mean(values);
    }

    /** The median; NaN when a value is (Commons Math would leave it out). */
    private static double median(double[] values) {
        return Arrays.stream(values).anyMatch(Double::isNaN) ? Double.NaN : new Median().evaluate(values);
    }
}
