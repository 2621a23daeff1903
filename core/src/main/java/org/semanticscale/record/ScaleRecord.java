package org.semanticscale.record;

/**
 * One class's entry on {@code ssi.scales} (compacted, key = label), as the streams-app publishes it
 * and the trainer reads it. JSON field names are the component names. Figures a class does not have
 * yet (no scale below {@code scale.min-samples}) are NaN here and null in JSON.
 *
 * @param label               class label
 * @param n                   vectors in the class's window
 * @param volume              S', the volume of the window
 * @param volumeNormalized    S' / max S'
 * @param distanceWeight      W = log2(alpha + W')
 * @param scale               S = S'n * W
 * @param weight              DSB loss weight (normalised as configured)
 * @param classBalancedWeight Class-Balanced weight from the window counts
 * @param saturated           more data of this class adds little volume (docs/semantic-scale.md,
 * 'Saturation')
 * @param underrepresented    the alert state: S / max S below the threshold (with hysteresis)
 * @param modelVersion        newest model version among the window's vectors (-1 when none)
 * @param windowStart         event time (epoch ms) of the oldest vector in the window
 * @param windowEnd           event time (epoch ms) of the newest vector in the window
 * @param baselineVolume      the class's own recent S': the median of its volume over {@code alert.baseline}
 *                            (NaN until the class has {@code alert.baseline-min} of history; held while it is
 *                            collapsed)
 * @param collapsed           the alert state: S' more than {@code alert.drop} below the baseline (with hysteresis)
 * @param saturationGain      {@code (Vol(window) - Vol(half of it)) / Vol(window)} (docs/semantic-scale.md,
 *                            'Saturation'); NaN below four vectors or without volume
 */
public record ScaleRecord(
        String label,
        long n,
        double volume,
        double volumeNormalized,
        double distanceWeight,
        double scale,
        double weight,
        double classBalancedWeight,
        boolean saturated,
        boolean underrepresented,
        long modelVersion,
        long windowStart,
        long windowEnd,
        double baselineVolume,
        boolean collapsed,
        double saturationGain) {

    /** True when the class has a semantic scale (enough samples and volume). */
    public boolean hasScale() {
        return !Double.isNaN(scale);
    }
}
