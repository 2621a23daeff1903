package org.semanticscale.testkit;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds, failing with what was awaited and the last state seen. */
public final class Await {
    private static final long POLL_MILLIS = 100;

    private Await() {}

    /** A condition that may throw (scrapes, Kafka reads). */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

    /** Waits until {@code check} holds; returns the seconds it took. */
    public static double until(String what, Duration timeout, Check check) throws Exception {
        return until(what, timeout, check, () -> "");
    }

    /** The same, with {@code state} describing what was seen last when it times out. */
    public static double until(String what, Duration timeout, Check check, Supplier<String> state) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out after " + timeout.toSeconds() + " s waiting for " + what + ". " + state.get());
            }
            Thread.sleep(POLL_MILLIS);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
