package org.semanticscale.streams.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A class's own recent volume S' (docs/semantic-scale.md, 'Collapsed classes'): points (wall-clock time at
 * one of stage B's publishes, S', window count n), at most one per {@code step} and none older than
 * {@code span}, so never more than {@link #MAX_POINTS} when {@code step = span / MAX_POINTS}. Stage B keeps it
 * in its changelogged store, so a restart resumes it. Immutable, its medians computed once: every publish
 * reads them, a new point comes at most once per step; {@link #observe} returns {@code this} when it changes
 * nothing.
 */
public final class VolumeHistory {
    /** The most points a history keeps: 64 points of three numbers each, about 3 KB of JSON per class. */
    public static final int MAX_POINTS = 64;

    public static final VolumeHistory EMPTY = new VolumeHistory(List.of());

    /** S' and the window count of a class at one publish. */
    public record Point(long time, double volume, long n) {}

    private final List<Point> points;
    private final double medianVolume;
    private final long medianN;

    /** @param points oldest first ({@code null}: none) */
    @JsonCreator
    public VolumeHistory(@JsonProperty("points") List<Point> points) {
        this.points = points == null ? List.of() : List.copyOf(points);
        this.medianVolume =
                median(this.points.stream().mapToDouble(Point::volume).toArray());
        this.medianN = this.points.isEmpty()
                ? -1
                : Math.round(median(this.points.stream().mapToDouble(Point::n).toArray()));
    }

    /** The points, oldest first. */
    @JsonProperty("points")
    public List<Point> points() {
        return points;
    }

    /**
     * This history with the points older than {@code now - span} dropped and, when the newest point left is at
     * least {@code step} old (or there is none), a point for now. A clock that went back adds nothing.
     */
    public VolumeHistory observe(long now, double volume, long n, long span, long step) {
        int from = 0;
        while (from < points.size() && points.get(from).time() < now - span) {
            from++;
        }
        boolean add =
                from == points.size() || now - points.get(points.size() - 1).time() >= step;
        if (from == 0 && !add) {
            return this;
        }
        List<Point> kept = new ArrayList<>(points.subList(from, points.size()));
        if (add) {
            kept.add(new Point(now, volume, n));
        }
        while (kept.size() > MAX_POINTS) {
            kept.remove(0);
        }
        return new VolumeHistory(kept);
    }

    /** Wall-clock ms between the oldest and the newest point (0 with fewer than two). */
    public long spanMillis() {
        return points.size() < 2
                ? 0
                : points.get(points.size() - 1).time() - points.get(0).time();
    }

    /** Median S' of the points; NaN when there are none. */
    public double medianVolume() {
        return medianVolume;
    }

    /** Median window count of the points, rounded; -1 when there are none. */
    public long medianN() {
        return medianN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolumeHistory h && points.equals(h.points);
    }

    @Override
    public int hashCode() {
        return points.hashCode();
    }

    @Override
    public String toString() {
        return "VolumeHistory" + points;
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        int h = v.length / 2;
        return v.length % 2 == 1 ? v[h] : (v[h - 1] + v[h]) / 2;
    }
}
