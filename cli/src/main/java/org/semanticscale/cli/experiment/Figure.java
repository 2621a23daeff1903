package org.semanticscale.cli.experiment;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One figure of a method's result in one seed, named by where it stands in a method's entry of
 * {@code results.json} (e.g. {@code worstClass/accuracy}): the report gives it per seed, as a mean with
 * its sd over the seeds, and, for the accuracies, as a paired difference against the baseline.
 *
 * @param path  the field names leading to the figure in a method's entry
 * @param title how the Markdown report names it
 */
record Figure(List<String> path, String title, ToDoubleFunction<MethodResult> value) {
    static final Figure OVERALL = new Figure(List.of("overall"), "overall", MethodResult::overall);
    static final Figure BALANCED = new Figure(List.of("balanced"), "balanced", MethodResult::balanced);
    static final Figure WORST_CLASS = new Figure(
            List.of("worstClass", "accuracy"), "worst class", m -> m.worst().accuracy());
    static final Figure HEAD = new Figure(List.of("head"), "head", MethodResult::head);
    static final Figure MIDDLE = new Figure(List.of("middle"), "middle", MethodResult::middle);
    static final Figure TAIL = new Figure(List.of("tail"), "tail", MethodResult::tail);

    /** The accuracies a method is compared with the baseline on (fractions). */
    static final List<Figure> ACCURACY = List.of(OVERALL, BALANCED, WORST_CLASS, HEAD, MIDDLE, TAIL);

    static final Figure PEARSON_N = new Figure(
            List.of("correlations", "pearson", "n"),
            "Pearson N",
            m -> m.pearson().withN());
    static final Figure PEARSON_SCALE = new Figure(
            List.of("correlations", "pearson", "scale"),
            "Pearson S",
            m -> m.pearson().withScale());

    /** The correlations of per-class accuracy with N, S' and S. */
    static final List<Figure> CORRELATIONS = List.of(
            PEARSON_N,
            new Figure(
                    List.of("correlations", "pearson", "volume"),
                    "Pearson S'",
                    m -> m.pearson().withVolume()),
            PEARSON_SCALE,
            new Figure(
                    List.of("correlations", "spearman", "n"),
                    "Spearman N",
                    m -> m.spearman().withN()),
            new Figure(
                    List.of("correlations", "spearman", "volume"),
                    "Spearman S'",
                    m -> m.spearman().withVolume()),
            new Figure(
                    List.of("correlations", "spearman", "scale"),
                    "Spearman S",
                    m -> m.spearman().withScale()));

    /** The accuracy of class {@code index} (label order). */
    static Figure classAccuracy(int index) {
        return new Figure(
                List.of("accuracy"), "accuracy", m -> m.classes().get(index).accuracy());
    }

    double of(MethodResult m) {
        return value.applyAsDouble(m);
    }
}
