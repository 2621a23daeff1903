package org.semanticscale.cli.experiment;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.semanticscale.cli.pipeline.Pipeline;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.topic.TopicNames;
import org.semanticscale.trainer.app.TrainerApp;
import org.semanticscale.trainer.evaluation.HeldOutAccuracy;
import org.semanticscale.trainer.train.TrainerStatus;

/**
 * Trains one method through the real pipeline and measures the final model: a {@link Pipeline} with a
 * fresh in-process broker (so no method sees another's data), the streams-app, the trainer, and a
 * replay of the run's plan; it waits until the trainer has trained the whole replay, reporting each epoch, then
 * stops training and scores the final model on the test set, computes its features of the streamed
 * training samples, reads the newest streamed scales of both views and every alert, and stops everything. When
 * the plan narrows a focus class from a point within the stream (a collapse), the replay notes when it sent that
 * point.
 */
final class MethodRun {
    /** The run fails when the trainer trains nothing for this long while samples wait. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(120);
    /** How long the last features take to reach a published scale (scale.interval plus a commit). */
    private static final Duration LAST_SCALES_GRACE = Duration.ofMillis(1500);

    private final PipelineSettings pipeline;
    private final Workload work;
    private final Consumer<String> progress;

    MethodRun(PipelineSettings pipeline, Workload work, Consumer<String> progress) {
        this.pipeline = pipeline;
        this.work = work;
        this.progress = progress;
    }

    /**
     * Runs one method.
     *
     * @param withMarginal whether to compute the final model's features of the marginal-effect samples
     */
    MethodOutcome run(Method method, boolean withMarginal) throws IOException, InterruptedException {
        long start = System.nanoTime();
        double cpuStart = processCpuSeconds();
        Pipeline.Builder parts = Pipeline.builder("ssi-experiment-" + method.name())
                .setStreamsSettings(pipeline.streamsSettings(method))
                .setTrainerSettings(pipeline.trainerSettings(
                        method, work.plan().labels(), work.data().train().sampleShape()))
                .setReplay(
                        work.data().train(), work.plan(), pipeline.experiment().rate())
                .optStallTimeout(STALL_TIMEOUT);
        OptionalInt collapse = work.collapsePosition(pipeline.experiment().focus());
        collapse.ifPresent(parts::optMark);
        try (Pipeline run = parts.start()) {
            long replayStart = System.nanoTime();
            double startSeconds = seconds(start);
            progress.accept(String.format(
                    "[%s] broker, streams-app and trainer up in %.1f s; replaying %,d samples at %s",
                    method.name(), startSeconds, work.plan().size(), rate()));
            TrainerApp trainer = run.trainer();

            List<EpochProgress> epochs = new ArrayList<>();
            int epochCount = pipeline.experiment().epochs();
            for (int e = 1; e <= epochCount; e++) {
                long target = e == epochCount ? pipeline.totalSamples() : (long) e * pipeline.epochSize();
                while (!trainer.awaitSamplesTrained(target, Duration.ofSeconds(2))) {
                    run.check();
                }
                EpochProgress p =
                        progressOf(e, trainer.status(), run.scales().snapshot().byLabel(), seconds(replayStart));
                epochs.add(p);
                progress.accept(describe(method, p, run.samplesSent(), epochCount));
            }
            double trainSeconds = seconds(replayStart);
            if (!trainer.stopTraining(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the trainer did not stop within 60 s");
            }
            TrainerStatus last = trainer.status();
            HeldOutAccuracy accuracy = trainer.evaluate(work.test());
            float[] streamedFeatures = trainer.features(
                    Workload.flat(work.streamed()), work.streamed().size());
            float[] marginalFeatures = withMarginal && work.marginal() != null
                    ? trainer.features(
                            Workload.flat(work.marginal()), work.marginal().size())
                    : null;
            Thread.sleep(LAST_SCALES_GRACE.toMillis());
            Map<String, ScaleRecord> streamed = run.scales().snapshot().byLabel();
            Map<String, ScaleRecord> streamedInput =
                    run.inputScales().snapshot().byLabel();
            if (streamedInput.isEmpty()) {
                progress.accept("[" + method.name() + "] no scales on " + run.topic(TopicNames.INPUT_SCALES)
                        + " (the streams-app publishes no input view): the input view's figures are null");
            }
            List<StreamedAlert> alerts =
                    run.alerts().all().stream().map(StreamedAlert::parse).toList();
            OptionalLong collapseSent = collapse.isPresent() ? run.sentAt(collapse.getAsInt()) : OptionalLong.empty();
            MethodOutcome.CollapseStart collapseStart = collapseSent.isPresent()
                    ? new MethodOutcome.CollapseStart(collapse.getAsInt(), collapseSent.getAsLong())
                    : null;
            // Stopped now, so the wall time below includes stopping the parts.
            run.close();
            int featureDim =
                    streamedFeatures.length / Math.max(1, work.streamed().size());
            MethodOutcome outcome = new MethodOutcome(
                    method,
                    accuracy,
                    streamedFeatures,
                    marginalFeatures,
                    featureDim,
                    streamed,
                    streamedInput,
                    alerts,
                    collapseStart,
                    epochs,
                    last.classWeights(),
                    last.samplesTrained(),
                    seconds(start),
                    startSeconds,
                    trainSeconds,
                    last.stepSecondsThisRun(),
                    processCpuSeconds() - cpuStart);
            progress.accept(String.format(
                    "[%s] done in %.0f s (training %.0f s, of which %.1f s in steps; CPU %.0f s): "
                            + "test accuracy %.1f %%",
                    method.name(),
                    outcome.wallSeconds(),
                    trainSeconds,
                    outcome.stepSeconds(),
                    outcome.cpuSeconds(),
                    100 * accuracy.overall()));
            return outcome;
        }
    }

    private static EpochProgress progressOf(
            int epoch, TrainerStatus s, Map<String, ScaleRecord> scales, double seconds) {
        Map<String, Long> windows = new LinkedHashMap<>();
        for (String label : s.classCounts().keySet()) {
            ScaleRecord r = scales.get(label);
            windows.put(label, r == null ? 0 : r.n());
        }
        return new EpochProgress(
                epoch,
                s.samplesTrained(),
                seconds,
                s.stage().name(),
                s.prequentialOverall(),
                s.prequentialBalanced(),
                s.weighted(),
                s.classWeights(),
                windows);
    }

    private static String describe(Method method, EpochProgress p, long sent, int epochs) {
        String weights = "plain loss";
        if (p.weighted()) {
            double min = p.weights().values().stream()
                    .mapToDouble(Double::doubleValue)
                    .min()
                    .orElse(Double.NaN);
            double max = p.weights().values().stream()
                    .mapToDouble(Double::doubleValue)
                    .max()
                    .orElse(Double.NaN);
            weights = String.format("class weights %.2f..%.2f", min, max);
        }
        long windowMin = p.windowCounts().values().stream()
                .mapToLong(Long::longValue)
                .min()
                .orElse(0);
        long windowMax = p.windowCounts().values().stream()
                .mapToLong(Long::longValue)
                .max()
                .orElse(0);
        return String.format(
                "[%s] epoch %d/%d: %,d trained (%,d sent) in %.0f s, stage %s, prequential %.1f %% (balanced %.1f %%), "
                        + "%s, windows %d..%d vectors",
                method.name(),
                p.epoch(),
                epochs,
                p.samplesTrained(),
                sent,
                p.seconds(),
                p.stage(),
                100 * p.prequentialOverall(),
                100 * p.prequentialBalanced(),
                weights,
                windowMin,
                windowMax);
    }

    private String rate() {
        double r = pipeline.experiment().rate();
        return r > 0 ? String.format("%,.0f samples/s", r) : "full speed";
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** CPU time of this JVM, all threads; NaN where the platform does not say. */
    private static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? Double.NaN : nanos / 1e9;
        }
        return Double.NaN;
    }
}
