package org.semanticscale.trainer.evaluation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Accuracy on a held-out set, overall, per class, and over head / middle / tail classes. Classes
 * are ranked by how many samples the model was trained on: the first third (rounded) are the head,
 * the last third the tail, the rest the middle. A class with no test samples is NaN and left out of
 * its group.
 *
 * @param overall  correct / all
 * @param perClass accuracy of each class
 * @param head     mean accuracy of the head classes
 * @param middle   mean accuracy of the middle classes (NaN when there are none)
 * @param tail     mean accuracy of the tail classes
 * @param step     the training step evaluated
 */
public record HeldOutAccuracy(double overall, double[] perClass, double head, double middle, double tail, long step) {

    /** Scores a model on a held-out set. */
    public static HeldOutAccuracy evaluate(ClassPredictor model, HeldOutSet set, long[] trainedPerClass, long step) {
        int[] predicted = model.predict(set.rows(), set.size());
        int classes = trainedPerClass.length;
        long[] hits = new long[classes];
        long[] totals = new long[classes];
        long correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            int c = set.classes()[i];
            totals[c]++;
            if (predicted[i] == c) {
                hits[c]++;
                correct++;
            }
        }
        double[] perClass = new double[classes];
        for (int c = 0; c < classes; c++) {
            perClass[c] = totals[c] == 0 ? Double.NaN : (double) hits[c] / totals[c];
        }
        Integer[] byCount = IntStream.range(0, classes).boxed().toArray(Integer[]::new);
        Arrays.sort(
                byCount,
                Comparator.comparingLong((Integer c) -> trainedPerClass[c]).reversed());
        int third = Math.max(1, Math.round(classes / 3f));
        return new HeldOutAccuracy(
                predicted.length == 0 ? Double.NaN : (double) correct / predicted.length,
                perClass,
                mean(perClass, byCount, 0, third),
                mean(perClass, byCount, third, classes - third),
                mean(perClass, byCount, classes - third, classes),
                step);
    }

    private static double mean(double[] values, Integer[] order, int from, int to) {
        double sum = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            double v = values[order[i]];
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    @Override
    public double[] perClass() {
        return perClass.clone();
    }
}
