package org.semanticscale.scale;

/**
 * The saturation test (docs/semantic-scale.md, 'Saturation') for one class: the class is saturated when its
 * volume S' grew by less than {@code threshold} of itself while its window took in {@code step} more samples,
 * i.e. more data of it adds little diversity (the marginal effect).
 *
 * <p>Samples are counted as they arrive, not as window size: a full window that keeps replacing its
 * vectors without growing in volume is saturated too. The verdict is revised every {@code step}
 * arrivals against the volume seen {@code step} arrivals earlier.
 */
public final class SaturationTracker {
    /** Relative growth below which a class counts as saturated (1 %). */
    public static final double DEFAULT_THRESHOLD = 0.01;
    /** Arrivals between two comparisons. */
    public static final long DEFAULT_STEP = 256;

    private final long step;
    private final double threshold;
    private long referenceArrivals = -1;
    private double referenceVolume;
    private boolean saturated;

    public SaturationTracker(long step, double threshold) {
        if (step < 1) {
            throw new IllegalArgumentException("saturation step must be at least 1, was " + step);
        }
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("saturation threshold must be a finite number >= 0, was " + threshold);
        }
        this.step = step;
        this.threshold = threshold;
    }

    /** A tracker resumed from a saved reference point and verdict (e.g. after a restart). */
    public static SaturationTracker restore(
            long step, double threshold, long referenceArrivals, double referenceVolume, boolean saturated) {
        SaturationTracker t = new SaturationTracker(step, threshold);
        t.referenceArrivals = referenceArrivals;
        t.referenceVolume = referenceVolume;
        t.saturated = saturated;
        return t;
    }

    /** Arrivals at the reference point, -1 before the first observation. */
    public long referenceArrivals() {
        return referenceArrivals;
    }

    /** Volume at the reference point. */
    public double referenceVolume() {
        return referenceVolume;
    }

    /** True when {@code after} grew over {@code before} by less than {@code threshold * before}. */
    public static boolean isSaturated(double before, double after, double threshold) {
        return before > 0 && after - before < threshold * before;
    }

    /**
     * Records the volume after {@code arrivals} samples in all have reached the class, and returns
     * the current verdict.
     */
    public boolean observe(long arrivals, double volume) {
        if (referenceArrivals < 0) {
            referenceArrivals = arrivals;
            referenceVolume = volume;
            return saturated;
        }
        if (arrivals - referenceArrivals >= step) {
            saturated = isSaturated(referenceVolume, volume, threshold);
            referenceArrivals = arrivals;
            referenceVolume = volume;
        }
        return saturated;
    }

    public boolean saturated() {
        return saturated;
    }
}
