package org.semanticscale.scale;

/**
 * The semantic scale of one class and the weights derived from it (docs/semantic-scale.md, 'From volume to
 * semantic scale' and 'Loss weights').
 *
 * @param label               class label
 * @param n                   vectors the scale was measured on
 * @param volume              S', the volume of the class's vectors
 * @param volumeNormalized    S' / max_j S'_j (NaN when the class has no scale yet)
 * @param distanceWeight      W = log2(alpha + W'), W' the max-normalised mean distance to the other centres (NaN when no scale)
 * @param scale               S = S'n * W (NaN when no scale)
 * @param weight              DSB loss weight from 1/S, normalised as configured; a class without a scale gets the mean of the others
 * @param classBalancedWeight Class-Balanced weight (1 - beta) / (1 - beta^n), renormalised to sum to the number of classes
 */
public record ClassScale(
        String label,
        long n,
        double volume,
        double volumeNormalized,
        double distanceWeight,
        double scale,
        double weight,
        double classBalancedWeight) {

    /** True when the class had enough vectors and volume to be given a scale. */
    public boolean hasScale() {
        return !Double.isNaN(scale);
    }
}
