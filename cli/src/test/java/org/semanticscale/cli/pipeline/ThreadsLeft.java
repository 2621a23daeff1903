package org.semanticscale.cli.pipeline;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.semanticscale.testkit.Await;

/** The non-daemon threads started since {@link #now}: what a run leaves running once it is closed. */
public final class ThreadsLeft {
    private final Set<String> before;

    private ThreadsLeft(Set<String> before) {
        this.before = before;
    }

    public static ThreadsLeft now() {
        return new ThreadsLeft(liveNonDaemonThreads());
    }

    /** Waits until the threads started since {@link #now} have ended (some take a moment to exit); fails naming those still running. */
    public void awaitGone(Duration timeout) throws Exception {
        Await.until(
                "the threads started since the snapshot to end",
                timeout,
                () -> started().isEmpty(),
                () -> "Still running: " + started());
    }

    private Set<String> started() {
        Set<String> left = liveNonDaemonThreads();
        left.removeAll(before);
        return left;
    }

    private static Set<String> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }
}
