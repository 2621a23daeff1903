package org.semanticscale.streams.scale;

import java.time.Duration;
import org.semanticscale.record.ScaleRecord;

/**
 * When stage B publishes a class's scale record again (docs/decisions.md, 'Publishing thousands of classes').
 *
 * <p>Every class's S and weight depend on every other class, so any new summary moves all C records in their
 * last digits: publishing every record that differs would put C records on the scales topic every
 * {@code interval}, 40,000 a second at C = 8,142. A record is published again at once when the class's own
 * figures change (count, volume, window, model version, states, baseline, saturation) or when one of the figures
 * it shares with the others (S'/max S', W, S, weight, Class-Balanced weight) has moved by more than
 * {@code tolerance} of itself since it was last published. The records held back that way are published, exact,
 * at the first interval in which no new summary arrived ({@link #settling}): a quiet stream's scales topic holds
 * the exact figures of its windows.
 *
 * @param interval  how often stage B computes, when something changed ({@code scale.publish-interval})
 * @param tolerance relative move of a shared figure that is published at once ({@code scale.publish-tolerance};
 *                  0 publishes every change)
 */
public record PublishPolicy(Duration interval, double tolerance) {
    public PublishPolicy {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the publish interval must be positive, was " + interval);
        }
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("the publish tolerance must be in [0, 1), was " + tolerance);
        }
    }

    /** Every change published at every interval (tolerance 0). */
    public static PublishPolicy everyChange(Duration interval) {
        return new PublishPolicy(interval, 0);
    }

    /**
     * Whether {@code next} goes out now, given the record last published for its class.
     *
     * @param settling true at an interval without new summaries: every difference goes out
     */
    public boolean due(ScaleRecord last, ScaleRecord next, boolean settling) {
        if (next.equals(last)) {
            return false;
        }
        if (last == null || settling || tolerance == 0 || ownFiguresChanged(last, next)) {
            return true;
        }
        return moved(last.volumeNormalized(), next.volumeNormalized())
                || moved(last.distanceWeight(), next.distanceWeight())
                || moved(last.scale(), next.scale())
                || moved(last.weight(), next.weight())
                || moved(last.classBalancedWeight(), next.classBalancedWeight());
    }

    private static boolean ownFiguresChanged(ScaleRecord a, ScaleRecord b) {
        return a.n() != b.n()
                || Double.compare(a.volume(), b.volume()) != 0
                || a.windowStart() != b.windowStart()
                || a.windowEnd() != b.windowEnd()
                || a.modelVersion() != b.modelVersion()
                || a.saturated() != b.saturated()
                || a.underrepresented() != b.underrepresented()
                || a.collapsed() != b.collapsed()
                || Double.compare(a.baselineVolume(), b.baselineVolume()) != 0
                || Double.compare(a.saturationGain(), b.saturationGain()) != 0;
    }

    /** More than the tolerance apart, relative to the larger of the two; a figure appearing or vanishing moves. */
    private boolean moved(double before, double after) {
        if (Double.isNaN(before) || Double.isNaN(after)) {
            return Double.isNaN(before) != Double.isNaN(after);
        }
        return Math.abs(after - before) > tolerance * Math.max(Math.abs(before), Math.abs(after));
    }
}
