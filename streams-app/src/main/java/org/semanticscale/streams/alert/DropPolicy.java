package org.semanticscale.streams.alert;

import java.time.Duration;

/**
 * When a class has collapsed against its own recent level (docs/semantic-scale.md, 'Collapsed classes'): its
 * volume S' fell below {@code (1 - drop)} times its baseline, the median S' of its {@link VolumeHistory} over
 * {@code baseline}; it recovers at {@code (1 - drop) * hysteresis} times the baseline, capped at the baseline,
 * so a class near the line does not flap. S' and not S: a class's own volume does not move when another
 * class changes, while S = S'/max S' x W does (docs/decisions.md, 'A class's own drop: measured on S'').
 *
 * <p>A history that spans less than {@code minHistory} gives no baseline, so a class does not alert while its
 * window first fills. The caller freezes the history while a class is collapsed: a baseline that followed
 * the class down would recover it falsely.
 *
 * @param drop       alert.drop, the fraction S' must fall by
 * @param hysteresis alert.hysteresis, shared with the scale-ratio alert
 * @param baseline   alert.baseline, how far back the history reaches
 * @param minHistory alert.baseline-min, the history a baseline needs
 */
public record DropPolicy(double drop, double hysteresis, Duration baseline, Duration minHistory) {
    public DropPolicy {
        if (!(drop > 0 && drop < 1) || !(hysteresis >= 1)) {
            throw new IllegalArgumentException(
                    "need 0 < drop < 1 and hysteresis >= 1; got " + drop + " and " + hysteresis);
        }
        if (baseline.isNegative()
                || baseline.isZero()
                || minHistory.isNegative()
                || minHistory.compareTo(baseline) > 0) {
            throw new IllegalArgumentException(
                    "need a positive baseline and 0 <= minHistory <= baseline; got " + baseline + " and " + minHistory);
        }
    }

    /** Wall-clock ms between two points of a history: the baseline cut into {@link VolumeHistory#MAX_POINTS}. */
    public long step() {
        return Math.max(1, baseline.toMillis() / VolumeHistory.MAX_POINTS);
    }

    /** The median S' of the history, once it spans at least {@code minHistory}; NaN before. */
    public double baselineOf(VolumeHistory history) {
        return established(history) ? history.medianVolume() : Double.NaN;
    }

    /** The median window count over the same history; -1 when there is no baseline. */
    public long baselineNOf(VolumeHistory history) {
        return established(history) ? history.medianN() : -1;
    }

    /** The S' below which a class collapses. */
    public double collapseBelow(double baselineVolume) {
        return (1 - drop) * baselineVolume;
    }

    /** The S' at which a collapsed class recovers: {@code (1 - drop) * hysteresis} of the baseline, at most all of it. */
    public double recoverAt(double baselineVolume) {
        return Math.min(1, (1 - drop) * hysteresis) * baselineVolume;
    }

    /**
     * The next state of a class.
     *
     * @param collapsed      its state now
     * @param volume         its S' now, NaN when it has no scale (the starving case: its state is kept)
     * @param baselineVolume its baseline, NaN when none yet (its state is kept)
     */
    public boolean next(boolean collapsed, double volume, double baselineVolume) {
        if (Double.isNaN(volume) || Double.isNaN(baselineVolume)) {
            return collapsed;
        }
        return collapsed ? volume < recoverAt(baselineVolume) : volume < collapseBelow(baselineVolume);
    }

    /** The history with S' and n observed at {@code now} (one point per {@link #step()}, none older than the baseline). */
    public VolumeHistory observe(VolumeHistory history, long now, double volume, long n) {
        return history.observe(now, volume, n, baseline.toMillis(), step());
    }

    private boolean established(VolumeHistory history) {
        return !history.points().isEmpty() && history.spanMillis() >= minHistory.toMillis();
    }
}
