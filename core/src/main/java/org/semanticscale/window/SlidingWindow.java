package org.semanticscale.window;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The recent vectors of one class: at most {@code capacity} of them (oldest out first), none older
 * than a cutoff the owner sets from event time. Keeps a {@link HalvedScatter} in step, so the
 * volume of the window is one Cholesky away and the volume of half of it two more (the saturation gain).
 * Vectors leave oldest first, so the half of each follows from its arrival number.
 *
 * <p>Drift bound: every revert adds rounding to the running scatter, so after
 * {@code max(REBUILD_MIN_REVERTS, REBUILD_FACTOR * size)} reverts the statistic is rebuilt exactly
 * from the vectors held. That costs one update per vector held, amortised to at most
 * {@code 1/REBUILD_FACTOR} of an update per revert.
 *
 * <p>Cheaper of two: a window that changes by more vectors between two reads than it holds (a busy class
 * read once per interval) stops updating its statistic and rebuilds it from the vectors held at the next
 * read, which costs one update per vector held instead of one per vector in and one per vector out.
 */
public final class SlidingWindow {
    /** Reverts tolerated before an exact rebuild, for small windows. */
    static final int REBUILD_MIN_REVERTS = 4096;
    /** Reverts tolerated before an exact rebuild, as a multiple of the window size. */
    static final int REBUILD_FACTOR = 4;

    /** One vector in the window, with the event time and model version it came with. */
    public record Entry(long timestamp, float[] vector, long modelVersion) {}

    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final HalvedScatter statistic;
    private long revertsSinceRebuild;
    private long rebuilds;
    /** Arrival number of the next entry. */
    private long arrivals;
    /** Vectors in and out since the statistic was last read. */
    private long changesSinceRead;
    /** The statistic is cleared and not kept up to date; the next read rebuilds it from the entries. */
    private boolean stale;

    public SlidingWindow(int dimension, int capacity) {
        this(dimension, capacity, 0);
    }

    /**
     * An empty window whose next entry is arrival number {@code nextArrival}: a window rebuilt from
     * storage, given the arrivals its live self had counted before its oldest entry, puts every entry in
     * the half it had.
     */
    public SlidingWindow(int dimension, int capacity, long nextArrival) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.statistic = new HalvedScatter(dimension, nextArrival);
        this.arrivals = nextArrival;
    }

    /**
     * Appends a vector (checked: its dimension and every value finite; a refused one leaves the window as it
     * was), evicting the oldest when full. Returns the evicted entry or null.
     */
    public Entry add(Entry entry) {
        if (stale) {
            RunningScatter.checkVector(entry.vector(), statistic.dimension(), entries.size());
        } else {
            statistic.update(entry.vector());
        }
        entries.addLast(entry);
        arrivals++;
        changed();
        return entries.size() > capacity ? removeOldest() : null;
    }

    /**
     * Evicts entries from the old end while their timestamp is before {@code cutoff}. Entries are kept
     * in arrival order, so a slightly out-of-order entry leaves when it reaches the old end.
     *
     * @return how many were evicted
     */
    public int evictBefore(long cutoff) {
        int evicted = 0;
        while (!entries.isEmpty() && entries.peekFirst().timestamp() < cutoff) {
            removeOldest();
            evicted++;
        }
        return evicted;
    }

    /** Removes and returns the oldest entry, or null when empty. */
    public Entry removeOldest() {
        Entry oldest = entries.pollFirst();
        if (oldest == null) {
            return null;
        }
        if (!stale) {
            statistic.revert(oldest.vector());
            revertsSinceRebuild++;
            if (revertsSinceRebuild >= Math.max(REBUILD_MIN_REVERTS, (long) REBUILD_FACTOR * entries.size())) {
                rebuild();
            }
        }
        changed();
        return oldest;
    }

    /** Recomputes the running statistic exactly from the vectors held. */
    public void rebuild() {
        statistic.clear(arrivals - entries.size());
        for (Entry e : entries) {
            statistic.update(e.vector());
        }
        stale = false;
        revertsSinceRebuild = 0;
        rebuilds++;
    }

    /** Volume of the vectors held (docs/semantic-scale.md, 'Volume of one class'). */
    public double volume() {
        return settled().volume();
    }

    /** Volume half of the vectors held span (see {@link HalvedScatter#halfVolume()}); NaN below four. */
    public double halfVolume() {
        return settled().halfVolume();
    }

    /** Mean of the vectors held. */
    public double[] mean() {
        return settled().mean();
    }

    /** The statistic, rebuilt first when the window stopped keeping it up to date. */
    private HalvedScatter settled() {
        if (stale) {
            rebuild();
        }
        changesSinceRead = 0;
        return statistic;
    }

    /**
     * Counts a change; past more changes since the last read than a rebuild would cost (the vectors held, and
     * at least a block), stops keeping the statistic up to date until the next read.
     */
    private void changed() {
        changesSinceRead++;
        if (!stale && changesSinceRead > Math.max(RunningScatter.BLOCK_ROWS, entries.size())) {
            stale = true;
            statistic.clear(arrivals - entries.size());
        }
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int capacity() {
        return capacity;
    }

    public int dimension() {
        return statistic.dimension();
    }

    /** The oldest entry, or null. */
    public Entry oldest() {
        return entries.peekFirst();
    }

    /** The newest entry, or null. */
    public Entry newest() {
        return entries.peekLast();
    }

    /** Entries from oldest to newest (read-only view). */
    public Iterable<Entry> entries() {
        return () -> {
            Iterator<Entry> it = entries.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Entry next() {
                    return it.next();
                }
            };
        };
    }

    /** Arrival number the next entry will get: the entries ever added, plus the number it started from. */
    public long arrivals() {
        return arrivals;
    }

    /** Exact rebuilds done so far (a figure for tests and metrics). */
    public long rebuilds() {
        return rebuilds;
    }
}
