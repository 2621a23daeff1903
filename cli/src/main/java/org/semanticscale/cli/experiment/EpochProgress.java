package org.semanticscale.cli.experiment;

import java.util.Map;

/**
 * Where one method's training stood at the end of an epoch of the stream.
 *
 * @param epoch               1-based
 * @param samplesTrained      by the trainer so far
 * @param seconds             since the replay started
 * @param stage               FILL, REFRESH or BALANCE
 * @param prequentialOverall  accuracy on samples scored before training on them (recent window)
 * @param prequentialBalanced the mean of that per class
 * @param weights             the class weights of the latest step (1 each with the plain loss), by label
 * @param windowCounts        vectors in each class's window on the scales topic, by label
 */
record EpochProgress(
        int epoch,
        long samplesTrained,
        double seconds,
        String stage,
        double prequentialOverall,
        double prequentialBalanced,
        boolean weighted,
        Map<String, Double> weights,
        Map<String, Long> windowCounts) {}
