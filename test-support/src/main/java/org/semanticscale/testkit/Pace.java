package org.semanticscale.testkit;

/**
 * A steady send rate: record i is due {@code i / rate} seconds after the start. Waiting for each
 * record's own due time (not a fixed gap after the previous send) keeps the average rate even when
 * single sends are slow.
 */
public final class Pace {
    /** Waits shorter than this are not worth a sleep. */
    private static final long MIN_SLEEP_NANOS = 1_000_000;

    private final double perSecond;
    private final long startNanos;

    private Pace(double perSecond, long startNanos) {
        this.perSecond = perSecond;
        this.startNanos = startNanos;
    }

    /** A pace starting now; {@code perSecond <= 0} means no pacing. */
    public static Pace start(double perSecond) {
        return new Pace(perSecond, System.nanoTime());
    }

    /** Sleeps until record {@code index} (from 0) is due. */
    public void awaitTurn(long index) throws InterruptedException {
        if (perSecond <= 0) {
            return;
        }
        long wait = startNanos + (long) (index * 1e9 / perSecond) - System.nanoTime();
        if (wait > MIN_SLEEP_NANOS) {
            Thread.sleep(wait / 1_000_000);
        }
    }
}
