package org.semanticscale.trainer.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.semanticscale.trainer.checkpoint.Checkpoint;
import org.semanticscale.trainer.checkpoint.CheckpointStore;
import org.semanticscale.trainer.evaluation.HeldOutAccuracy;
import org.semanticscale.trainer.evaluation.HeldOutSet;
import org.semanticscale.trainer.kafka.DeadLetterSink;
import org.semanticscale.trainer.kafka.FeaturePublisher;
import org.semanticscale.trainer.kafka.SampleReader;
import org.semanticscale.trainer.sample.SampleValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The online loop on the training thread: take a batch from the samples topic, train it, publish
 * its features, and every K steps write a checkpoint and only then commit its offsets. On a stop
 * request it finishes the batch at hand and writes a last checkpoint.
 *
 * <p>Exactly once: the offsets in a checkpoint are those after the last record of the last batch
 * trained before it (refused records included), written atomically with the model that learnt from
 * exactly those batches. A restart loads both and reads on from there, so whatever was trained after
 * the checkpoint (and lost with the process) is trained again, once, and nothing before it is.
 * Features and dead letters of those batches may be published twice; they carry the sample id.
 */
public final class TrainingLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
    /** Weight of the newest step in the throughput average: about the last 20 steps count. */
    private static final double THROUGHPUT_SMOOTHING = 0.05;

    /** Where the loop is in its life. */
    public enum State {
        STARTING,
        RUNNING,
        STOPPED,
        FAILED
    }

    private final TrainingSession session;
    private final SampleBatcher batcher;
    private final SampleReader reader;
    private final FeaturePublisher features;
    private final Runnable flushOutputs;
    private final CheckpointStore checkpoints;
    private final TrainerConfig config;
    private final HeldOutSet heldOut;
    private final StepListener listener;

    private final Map<Integer, Long> consumed = new HashMap<>();
    private volatile boolean stopRequested;
    private volatile State state = State.STARTING;
    private volatile Throwable failure;
    private volatile long checkpointsWritten;
    private volatile long lastCheckpointStep = -1;
    private volatile Map<Integer, Long> lastCheckpointOffsets = Map.of();
    private volatile HeldOutAccuracy lastEvaluation;
    private volatile double samplesPerSecond = Double.NaN;
    private volatile long stepsThisRun;
    private volatile long stepNanosThisRun;
    private long lastStepEnd;

    /**
     * @param deadLetters  where refused samples go
     * @param features     null when features are not published
     * @param flushOutputs sends what the producer holds; called before each checkpoint
     * @param heldOut      null when there is no held-out evaluation
     */
    public TrainingLoop(
            TrainerConfig config,
            TrainingSession session,
            SampleReader reader,
            DeadLetterSink deadLetters,
            FeaturePublisher features,
            Runnable flushOutputs,
            CheckpointStore checkpoints,
            HeldOutSet heldOut,
            StepListener listener) {
        this.config = config;
        this.session = session;
        this.batcher = new SampleBatcher(
                reader,
                new SampleValidator(config.model().inputShape(), config.classes()),
                deadLetters,
                config.batchSize(),
                config.batchMaxWait(),
                () -> stopRequested);
        this.reader = reader;
        this.features = features;
        this.flushOutputs = flushOutputs;
        this.checkpoints = checkpoints;
        this.heldOut = heldOut;
        this.listener = listener;
    }

    /** Offsets to start from, as restored from a checkpoint. */
    public void resumeFrom(Checkpoint checkpoint) {
        consumed.putAll(checkpoint.nextOffsets());
        lastCheckpointStep = checkpoint.step();
        lastCheckpointOffsets = Map.copyOf(checkpoint.nextOffsets());
    }

    @Override
    public void run() {
        state = State.RUNNING;
        lastStepEnd = System.nanoTime();
        try {
            while (!stopRequested) {
                Batch batch = batcher.next();
                consumed.putAll(batch.nextOffsets());
                if (!batch.samples().isEmpty()) {
                    trainOn(batch);
                    if (session.step() % config.checkpoint().everySteps() == 0) {
                        writeCheckpoint();
                    }
                    if (heldOut != null && session.step() % config.evaluation().everySteps() == 0) {
                        evaluate();
                    }
                    if (config.maxSteps() > 0 && session.step() >= config.maxSteps()) {
                        LOG.info("reached trainer.max-steps = {}", config.maxSteps());
                        break;
                    }
                }
            }
            if (config.checkpoint().onStop() && hasProgressSinceCheckpoint()) {
                writeCheckpoint();
            }
            state = State.STOPPED;
            LOG.info("training stopped at step {} after {} samples", session.step(), session.samplesTrained());
        } catch (Throwable e) {
            failure = e;
            state = State.FAILED;
            LOG.error("training failed at step {}: {}", session.step(), e.toString(), e);
        }
    }

    private void trainOn(Batch batch) {
        StepReport report = session.train(batch.samples());
        if (features != null && report.features() != null) {
            features.publish(
                    batch.samples(), report.features(), session.learner().featureDim(), report.modelVersion());
        }
        stepsThisRun++;
        stepNanosThisRun += report.nanos();
        long now = System.nanoTime();
        double rate = batch.samples().size() / Math.max(1e-9, (now - lastStepEnd) / 1e9);
        samplesPerSecond = Double.isNaN(samplesPerSecond)
                ? rate
                : samplesPerSecond + THROUGHPUT_SMOOTHING * (rate - samplesPerSecond);
        lastStepEnd = now;
        listener.onStep(report);
    }

    private boolean hasProgressSinceCheckpoint() {
        return session.step() != lastCheckpointStep || !consumed.equals(lastCheckpointOffsets);
    }

    /** Flushes outputs, writes model + state + offsets atomically, then commits the offsets. */
    private void writeCheckpoint() throws IOException {
        flushOutputs.run();
        Checkpoint checkpoint = session.checkpoint(reader.source(), consumed);
        Path dir = checkpoints.write(checkpoint, session::saveModel);
        checkpointsWritten++;
        lastCheckpointStep = checkpoint.step();
        lastCheckpointOffsets = Map.copyOf(checkpoint.nextOffsets());
        reader.commit(checkpoint.nextOffsets());
        LOG.info(
                "checkpoint at step {} ({} samples, stage {}, offsets {}, weights {}) written to {}",
                checkpoint.step(),
                checkpoint.samplesTrained(),
                checkpoint.stage(),
                checkpoint.nextOffsets(),
                session.describeWeights(session.weightsInUse()),
                dir);
    }

    private void evaluate() {
        HeldOutAccuracy a = session.evaluate(heldOut);
        lastEvaluation = a;
        LOG.info(
                "held-out accuracy at step {} on {} samples: overall {}, head {}, middle {}, tail {}",
                a.step(),
                heldOut.size(),
                percent(a.overall()),
                percent(a.head()),
                percent(a.middle()),
                percent(a.tail()));
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.1f%%", 100 * v);
    }

    /** Asks the loop to stop after the batch at hand (and a last checkpoint, if configured). */
    public void requestStop() {
        stopRequested = true;
    }

    public State state() {
        return state;
    }

    /** Why the loop failed, or null. */
    public Throwable failure() {
        return failure;
    }

    public long checkpointsWritten() {
        return checkpointsWritten;
    }

    /** Step of the newest checkpoint written or resumed from; -1 for none. */
    public long lastCheckpointStep() {
        return lastCheckpointStep;
    }

    /** The offsets of the newest checkpoint: where a restart would resume. */
    public Map<Integer, Long> lastCheckpointOffsets() {
        return new TreeMap<>(lastCheckpointOffsets);
    }

    public HeldOutAccuracy lastEvaluation() {
        return lastEvaluation;
    }

    /** Samples per second over about the last 20 steps, waiting for data included; NaN before any step. */
    public double samplesPerSecond() {
        return samplesPerSecond;
    }

    public long stepsThisRun() {
        return stepsThisRun;
    }

    /** Total time spent in training steps in this run, ns. */
    public long stepNanosThisRun() {
        return stepNanosThisRun;
    }
}
