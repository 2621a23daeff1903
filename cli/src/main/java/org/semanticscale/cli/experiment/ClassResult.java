package org.semanticscale.cli.experiment;

/**
 * One class under one method: its training count, test accuracy and the semantic scale the final model's
 * features of its streamed training samples span (docs/semantic-scale.md, 'Volume of one class' and 'From
 * volume to semantic scale').
 *
 * @param n                samples of the class in one epoch of the stream (distinct training samples)
 * @param accuracy         on the class's test samples (NaN without any)
 * @param volume           S'
 * @param volumeNormalized S' / max S'
 * @param distanceWeight   W = log2(alpha + W')
 * @param scale            S = S'n * W
 * @param weight           the DSB weight (1/S) / sum(1/S) those scales give
 */
record ClassResult(
        String label,
        String name,
        long n,
        double accuracy,
        double volume,
        double volumeNormalized,
        double distanceWeight,
        double scale,
        double weight) {}
