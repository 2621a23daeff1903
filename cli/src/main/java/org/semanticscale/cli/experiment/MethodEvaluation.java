package org.semanticscale.cli.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.semanticscale.cli.experiment.statistics.Correlation;
import org.semanticscale.dataset.ClassSummaries;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.scale.ClassBalancedWeights;
import org.semanticscale.scale.ClassScale;
import org.semanticscale.scale.SemanticScales;
import org.semanticscale.scale.WeightNormalization;
import org.semanticscale.trainer.evaluation.HeldOutAccuracy;

/**
 * Turns one method's outcome into its figures: per-class, head / middle / tail, overall, balanced
 * and worst-class accuracy; the semantic scales (S', S) of the final model's features of the
 * streamed training samples, from scratch with the core; and the correlations of per-class accuracy
 * with N, S' and S.
 */
final class MethodEvaluation {
    private MethodEvaluation() {}

    /**
     * @param labels   the classes in label order (the model's output order)
     * @param names    display name of each label
     * @param streamed the streamed training samples whose features the outcome holds, in the same row order
     * @param counts   N of each class: the samples of it one epoch of the stream sends (what counting sees)
     * @param alpha    alpha of W = log2(alpha + W')
     */
    static MethodResult evaluate(
            MethodOutcome outcome,
            List<String> labels,
            UnaryOperator<String> names,
            LabelledVectors streamed,
            Map<String, Long> counts,
            double alpha) {
        Map<String, ClassScale> scales = scalesOf(outcome.streamedFeatures(), outcome.featureDim(), streamed, alpha);
        HeldOutAccuracy a = outcome.accuracy();
        double[] perClass = a.perClass();
        List<ClassResult> classes = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            ClassScale s = scales.get(label);
            classes.add(new ClassResult(
                    label,
                    names.apply(label),
                    counts.getOrDefault(label, 0L),
                    perClass[i],
                    s == null ? Double.NaN : s.volume(),
                    s == null ? Double.NaN : s.volumeNormalized(),
                    s == null ? Double.NaN : s.distanceWeight(),
                    s == null ? Double.NaN : s.scale(),
                    s == null ? Double.NaN : s.weight()));
        }
        ClassResult worst = null;
        double sum = 0;
        int known = 0;
        for (ClassResult c : classes) {
            if (Double.isNaN(c.accuracy())) {
                continue;
            }
            sum += c.accuracy();
            known++;
            if (worst == null || c.accuracy() < worst.accuracy()) {
                worst = c;
            }
        }
        double[] accuracy = column(classes, ClassResult::accuracy);
        double[] n = column(classes, c -> (double) c.n());
        double[] volume = column(classes, ClassResult::volume);
        double[] scale = column(classes, ClassResult::scale);
        return new MethodResult(
                outcome.method(),
                classes,
                a.overall(),
                known == 0 ? Double.NaN : sum / known,
                a.head(),
                a.middle(),
                a.tail(),
                worst,
                new MethodResult.Correlations(
                        Correlation.pearson(accuracy, n),
                        Correlation.pearson(accuracy, volume),
                        Correlation.pearson(accuracy, scale)),
                new MethodResult.Correlations(
                        Correlation.spearman(accuracy, n),
                        Correlation.spearman(accuracy, volume),
                        Correlation.spearman(accuracy, scale)),
                outcome);
    }

    /**
     * S' and S of each class of the features, by label (docs/semantic-scale.md; no L2 normalisation, as the
     * paper).
     */
    static Map<String, ClassScale> scalesOf(float[] features, int featureDim, LabelledVectors rows, double alpha) {
        String[] labels = new String[rows.size()];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = rows.label(r);
        }
        LabelledVectors vectors = new LabelledVectors(labels, features, new int[] {featureDim});
        SemanticScales scales = new SemanticScales(
                alpha,
                WeightNormalization.SUM_TO_ONE,
                ClassBalancedWeights.DEFAULT_BETA,
                SemanticScales.DEFAULT_MIN_SAMPLES);
        Map<String, ClassScale> out = new HashMap<>();
        for (ClassScale s : scales.compute(ClassSummaries.of(vectors))) {
            out.put(s.label(), s);
        }
        return out;
    }

    private static double[] column(List<ClassResult> classes, ToDoubleFunction<ClassResult> f) {
        return classes.stream().mapToDouble(f).toArray();
    }
}
