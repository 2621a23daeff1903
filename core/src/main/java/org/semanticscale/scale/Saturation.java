package org.semanticscale.scale;

/**
 * The saturation test (docs/semantic-scale.md, 'Saturation'; paper appendix I.2, the marginal effect): a
 * class is saturated when half of its window already spans nearly the volume of all of it, so more data
 * of the class would add little diversity:
 *
 * <pre>
 *   gain = (Vol(window) - Vol(half of the window)) / Vol(window)        saturated when gain &lt; threshold
 * </pre>
 *
 * A gain that cannot be measured (a window below four vectors, or without volume) is NaN and never
 * saturated.
 *
 * @param threshold gain below which a class is saturated
 */
public record Saturation(double threshold) {
    /**
     * Default threshold, measured (docs/decisions.md, 'Saturation from two halves of the window'): on fixed
     * 64-d Gaussians a window of n = d vectors has a gain of 0.21-0.34, 4d 0.027-0.041, 16d 0.006-0.008, so
     * 0.02 (doubling the window would add about 1 % more volume) is crossed between 4d and 8d.
     */
    public static final double DEFAULT_THRESHOLD = 0.02;

    public Saturation {
        if (!(threshold >= 0) || !(threshold <= 1)) {
            throw new IllegalArgumentException("saturation threshold must be in [0, 1], was " + threshold);
        }
    }

    /** The relative gain of the whole window over half of it; NaN when either volume is missing or the whole is 0. */
    public static double gain(double volume, double halfVolume) {
        if (!(volume > 0) || Double.isNaN(halfVolume) || Double.isInfinite(volume)) {
            return Double.NaN;
        }
        return (volume - halfVolume) / volume;
    }

    /** True when {@code gain} is below the threshold; false for NaN (not measurable). */
    public boolean saturated(double gain) {
        return gain < threshold;
    }
}
