package org.semanticscale.trainer.weights;

import java.util.List;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.scale.ClassBalancedWeights;
import org.semanticscale.scaletopic.ScaleSnapshot;

/**
 * The per-class loss weights the trainer applies.
 *
 * <p><b>DSB.</b> The streams-app publishes {@code a_i = (1/S_i) / sum_j (1/S_j)} (or C times that)
 * over the classes it has scales for. The trainer renormalises them so they average 1 over the
 * classes that have a scale: {@code w_i = a_i * K / sum_{j known} a_j}, K the number of such
 * classes. Two reasons: the loss then keeps the magnitude of the plain loss whatever normalisation
 * the streams-app uses, so switching from REFRESH to BALANCE does not change the effective learning
 * rate; and only relative weights carry information. A class without a scale yet (too few samples in
 * its window), or not configured in the streams-app, gets the mean weight of the others, which is 1.
 *
 * <p><b>Class-Balanced.</b> {@code w_i = (1 - beta) / (1 - beta^{n_i})} over the classes seen,
 * renormalised to sum to the number of classes seen (Cui et al. 2019), so they average 1 as well; an
 * unseen class gets 1.
 */
public final class ClassWeights {
    private ClassWeights() {}

    /**
     * DSB weights of the given classes, or null when none has a scale yet.
     *
     * @param labels   the configured classes, in model order
     * @param snapshot the newest scales
     */
    public static double[] dsb(List<String> labels, ScaleSnapshot snapshot) {
        double[] raw = new double[labels.size()];
        int known = 0;
        double sum = 0;
        for (int i = 0; i < raw.length; i++) {
            raw[i] = rawDsbWeight(snapshot.get(labels.get(i)));
            if (!Double.isNaN(raw[i])) {
                known++;
                sum += raw[i];
            }
        }
        if (known == 0) {
            return null;
        }
        double[] w = new double[raw.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = Double.isNaN(raw[i]) ? 1.0 : raw[i] * known / sum;
        }
        return w;
    }

    /** The published weight; {@code 1/S} when only the scale is there; NaN when the class has neither. */
    private static double rawDsbWeight(ScaleRecord r) {
        if (r == null) {
            return Double.NaN;
        }
        if (Double.isFinite(r.weight()) && r.weight() > 0) {
            return r.weight();
        }
        if (Double.isFinite(r.scale()) && r.scale() > 0) {
            return 1 / r.scale();
        }
        return Double.NaN;
    }

    /** Class-Balanced weights averaging 1 over the classes seen; 1 for a class not seen yet. */
    public static double[] classBalanced(long[] counts, double beta) {
        double[] w = ClassBalancedWeights.of(counts, beta);
        for (int i = 0; i < w.length; i++) {
            if (counts[i] <= 0) {
                w[i] = 1.0;
            }
        }
        return w;
    }
}
