package org.semanticscale.cli.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
 *   <li>in each view: the volume ratio, their mean streamed S' over the other classes' median streamed S'; the
 *       others' spread, the least and the greatest of the other classes' S' over that median; the weight ratio,
 *       their mean DSB weight over the other classes' mean DSB weight; and the seconds from a collapse's start to
 *       the view's first COLLAPSED or UNDERREPRESENTED alert of a focus class;</li>
 *   <li>Pearson's r of per-class accuracy with the model view's streamed S, over all classes.</li>
 * </ul>
 * "Streamed" is the newest record of each class on the view's scales topic when the run ends: on
 * {@code ssi.scales} (the model view: its window of the trainer's features, the figures DSB weighs with) or on
 * {@code ssi.input-scales} (the input view: a fixed projection of the raw samples). A class without a scale there
 * makes the view's ratios NaN, as does a view the streams-app does not publish. A collapse starts where the replay
 * sent the first sample of a focus class's narrowed stretch ({@code @FROM}); without one, or without an alert of a
 * focus class in the view from then on, the alert seconds are NaN.
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

    /** The figures from the streamed scales and alerts: each view's, then Pearson's r with the streamed S. */
    List<Figure> streamedFigures() {
        List<Figure> out = new ArrayList<>();
        for (StreamedView view : StreamedView.values()) {
            out.addAll(viewFigures(view));
        }
        out.add(pearsonFigure());
        return out;
    }

    /** One view's figures: the S' ratio, the others' least and greatest S' ratio, the weight ratio, the alert delay. */
    List<Figure> viewFigures(StreamedView view) {
        return List.of(
                new Figure(List.of("focus", view.field("volumeRatio")), "S' ratio", m -> volumeRatio(m, view)),
                new Figure(
                        List.of("focus", view.field("othersVolumeRatioMin")),
                        "others' S' ratio, least",
                        m -> othersVolumeRatio(m, view, true)),
                new Figure(
                        List.of("focus", view.field("othersVolumeRatioMax")),
                        "others' S' ratio, greatest",
                        m -> othersVolumeRatio(m, view, false)),
                new Figure(List.of("focus", view.field("weightRatio")), "weight ratio", m -> weightRatio(m, view)),
                new Figure(
                        List.of("focus", "alertSeconds", view.alertName()),
                        "alert after (s)",
                        m -> alertSeconds(m, view)));
    }

    /** Pearson's r of per-class accuracy with the model view's streamed S. */
    Figure pearsonFigure() {
        return new Figure(
                List.of("focus", "pearsonAccuracyStreamedScale"),
                "Pearson(accuracy, streamed S)",
                this::pearsonAccuracyStreamedScale);
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

    /** Mean streamed S' of the focus classes / median streamed S' of the others, in one view. */
    double volumeRatio(MethodResult m, StreamedView view) {
        return mean(streamed(m, view, true, ScaleRecord::volume))
                / median(streamed(m, view, false, ScaleRecord::volume));
    }

    /** The least ({@code least}) or the greatest of the other classes' streamed S' over their median, in one view. */
    double othersVolumeRatio(MethodResult m, StreamedView view, boolean least) {
        double[] others = streamed(m, view, false, ScaleRecord::volume);
        double median = median(others);
        return (least ? StatUtils.min(others) : StatUtils.max(others)) / median;
    }

    /** Mean streamed DSB weight of the focus classes / mean streamed DSB weight of the others, in one view. */
    double weightRatio(MethodResult m, StreamedView view) {
        return mean(streamed(m, view, true, ScaleRecord::weight)) / mean(streamed(m, view, false, ScaleRecord::weight));
    }

    /**
     * Seconds from the collapse's start to the view's first COLLAPSED or UNDERREPRESENTED alert of a focus class at
     * or after it; NaN without a collapse start or without such an alert.
     */
    double alertSeconds(MethodResult m, StreamedView view) {
        MethodOutcome.CollapseStart start = m.outcome().collapseStart();
        if (start == null) {
            return Double.NaN;
        }
        OptionalLong first = m.outcome().alerts().stream()
                .filter(a -> a.raises()
                        && a.view().equals(view.alertName())
                        && labels.contains(a.label())
                        && a.time() >= start.time())
                .mapToLong(StreamedAlert::time)
                .min();
        return first.isPresent() ? (first.getAsLong() - start.time()) / 1000.0 : Double.NaN;
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

    /**
     * A streamed figure of one view, of the focus classes ({@code inFocus}) or of the others; NaN for a class
     * without a record.
     */
    private double[] streamed(MethodResult m, StreamedView view, boolean inFocus, ToDoubleFunction<ScaleRecord> f) {
        Map<String, ScaleRecord> scales = view.scales(m.outcome());
        List<Double> out = new ArrayList<>();
        for (ClassResult c : m.classes()) {
            if (labels.contains(c.label()) == inFocus) {
                ScaleRecord s = scales.get(c.label());
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
