package org.semanticscale.cli.pipeline;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.replay.ReplayPlan;
import org.semanticscale.replay.SampleReplayer;

/**
 * A replay of a plan to the samples topic on its own thread: how many samples it has sent, whether it
 * still runs, and why it failed if it did. Closing stops it and waits for it, so {@link #sent} is then
 * final (the replayer reports its count only every 256 samples while it runs).
 */
final class Replay implements AutoCloseable {
    private static final long JOIN_MILLIS = 30_000;

    private final SampleReplayer replayer;
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    private Replay(SampleReplayer replayer, LabelledVectors train, ReplayPlan plan, double rate, String threadName) {
        this.replayer = replayer;
        this.thread = new Thread(
                () -> {
                    try {
                        replayer.replay(train, plan, rate, sent::set);
                    } catch (RuntimeException e) {
                        failure.set(e);
                    }
                },
                threadName);
    }

    static Replay start(
            Properties kafka, String topic, LabelledVectors train, ReplayPlan plan, double rate, String threadName) {
        Replay r = new Replay(new SampleReplayer(kafka, topic), train, plan, rate, threadName);
        r.thread.start();
        return r;
    }

    long sent() {
        return sent.get();
    }

    boolean running() {
        return thread.isAlive();
    }

    /** Why the replay failed, or null. */
    RuntimeException failure() {
        return failure.get();
    }

    @Override
    public void close() {
        replayer.stop();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
