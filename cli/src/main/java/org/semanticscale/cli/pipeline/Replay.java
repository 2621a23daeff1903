package org.semanticscale.cli.pipeline;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.replay.ReplayPlan;
import org.semanticscale.replay.SampleReplayer;

/**
 * A replay of a plan to the samples topic on its own thread: how many samples it has sent, whether it
 * still runs, why it failed if it did, and when it sent the samples at the positions it was asked to mark.
 * Closing stops it and waits for it, so {@link #sent} is then final (the replayer reports its count only every
 * 256 samples while it runs).
 */
final class Replay implements AutoCloseable {
    private static final long JOIN_MILLIS = 30_000;

    private final SampleReplayer replayer;
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    /** Epoch ms at which each marked position was sent, once it was. */
    private final Map<Integer, Long> sentAt = new ConcurrentHashMap<>();

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

    /** @param marks positions of the plan whose send time {@link #sentAt} gives */
    static Replay start(
            Properties kafka,
            String topic,
            LabelledVectors train,
            ReplayPlan plan,
            double rate,
            List<Integer> marks,
            String threadName) {
        SampleReplayer replayer = new SampleReplayer(kafka, topic);
        Replay r = new Replay(replayer, train, plan, rate, threadName);
        for (int position : marks) {
            replayer.optMark(position, millis -> r.sentAt.put(position, millis));
        }
        r.thread.start();
        return r;
    }

    long sent() {
        return sent.get();
    }

    /** When the sample at a marked position was handed to the producer (epoch ms); empty before then. */
    OptionalLong sentAt(int position) {
        Long millis = sentAt.get(position);
        return millis == null ? OptionalLong.empty() : OptionalLong.of(millis);
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
