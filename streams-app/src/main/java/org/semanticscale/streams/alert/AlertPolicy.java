package org.semanticscale.streams.alert;

/**
 * When a class is semantically underrepresented (docs/semantic-scale.md, 'Underrepresented classes'): its
 * scale relative to the largest, {@code S_i / max S}, falls below {@code threshold}; it recovers only above
 * {@code threshold * hysteresis}, so a class hovering at the line does not flap.
 *
 * <p>A class that once had a scale and lost it (its window fell below {@code scale.min-samples}, the
 * starving case) counts as underrepresented; a class that never had one yet does not.
 */
public record AlertPolicy(double threshold, double hysteresis) {
    public AlertPolicy {
        if (!(threshold >= 0 && threshold <= 1) || !(hysteresis >= 1) || threshold * hysteresis > 1) {
            throw new IllegalArgumentException(
                    "need 0 <= threshold <= 1, hysteresis >= 1 and threshold * hysteresis <= 1; got " + threshold
                            + " and " + hysteresis);
        }
    }

    /** The ratio above which an underrepresented class recovers. */
    public double recoverAbove() {
        return threshold * hysteresis;
    }

    /**
     * The next state of a class.
     *
     * @param underrepresented its state now
     * @param ratio            S / max S now, NaN when it has no scale
     * @param everHadScale     whether it ever had a scale
     */
    public boolean next(boolean underrepresented, double ratio, boolean everHadScale) {
        if (Double.isNaN(ratio)) {
            return everHadScale || underrepresented;
        }
        return underrepresented ? ratio <= recoverAbove() : ratio < threshold;
    }
}
