package org.semanticscale.cli.pipeline;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/** The non-daemon threads started since {@link #now}: what a run leaves running once it is closed. */
public final class ThreadsLeft {
    private final Set<String> before;

    private ThreadsLeft(Set<String> before) {
        this.before = before;
    }

    public static ThreadsLeft now() {
        return new ThreadsLeft(liveNonDaemonThreads());
    }

    /** Waits until the threads started since {@link #now} have ended (some take a moment to exit); returns those still running. */
    public Set<String> awaitGone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Set<String> left = liveNonDaemonThreads();
            left.removeAll(before);
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left;
            }
            Thread.sleep(200);
        }
    }

    private static Set<String> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }
}
