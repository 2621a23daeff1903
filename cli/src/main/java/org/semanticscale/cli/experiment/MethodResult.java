package org.semanticscale.cli.experiment;

import java.util.List;

/**
 * One method's figures: accuracy on the balanced test set, the scales of its trained model, and how
 * per-class accuracy correlates with N, S' and S.
 *
 * @param classes   per class, in label order
 * @param overall   correct / all test samples
 * @param balanced  mean of the per-class accuracies
 * @param head      mean accuracy of the third of the classes with the most training samples
 * @param middle    ... of the rest
 * @param tail      ... of the third with the fewest
 * @param worst     the class with the lowest accuracy
 * @param pearson   Pearson correlation of per-class accuracy with N, S', S
 * @param spearman  Spearman correlation (ties at mean ranks) of the same
 * @param outcome   the run: timings, progress, streamed scales and weights
 */
record MethodResult(
        Method method,
        List<ClassResult> classes,
        double overall,
        double balanced,
        double head,
        double middle,
        double tail,
        ClassResult worst,
        Correlations pearson,
        Correlations spearman,
        MethodOutcome outcome) {

    /** Correlations of per-class accuracy with the class counts N, the volumes S' and the scales S. */
    record Correlations(double withN, double withVolume, double withScale) {}
}
