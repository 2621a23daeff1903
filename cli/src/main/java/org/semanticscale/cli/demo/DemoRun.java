package org.semanticscale.cli.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.semanticscale.cli.pipeline.PartFailedException;
import org.semanticscale.cli.pipeline.Pipeline;
import org.semanticscale.config.ConfigSources;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.replay.LabelledDataset;
import org.semanticscale.replay.Profile;
import org.semanticscale.replay.ReplayPlan;
import org.semanticscale.trainer.train.TrainerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system in one process: a {@link Pipeline} (a broker unless one is given, the streams-app, the
 * trainer and a replay of a data set with a drifting long-tail profile), its scales view and its alerts reader.
 * {@link #run} shows the live table until the duration is up, the sample budget is spent, the replay is
 * trained through, a part fails, or {@link #stop} is called; {@link #close} then stops everything in
 * reverse order and deletes the run's files.
 */
public final class DemoRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoRun.class);

    /**
     * What to run.
     *
     * @param dataset          data set spec for {@link LabelledDataset#load}
     * @param profile          replay profile (see {@link Profile})
     * @param duration         the run ends after this long
     * @param maxSamples       ... or after the trainer trained this many samples (0: no limit)
     * @param rate             samples per second the replay sends
     * @param seed             seed of the replay and the model
     * @param kafka            {@code kafka.*} client settings of an existing Kafka (bootstrap servers and
     *                         any security settings), or empty for an in-process broker
     * @param streamsMetricsPort preferred /metrics port of the streams-app (another one if taken)
     * @param trainerMetricsPort preferred /metrics port of the trainer (another one if taken)
     * @param windowSpan       the streams-app's window span: how long a starving class keeps its window
     * @param picture          where the run's picture is written at the end (PNG), or null for none
     */
    public record Settings(
            String dataset,
            String profile,
            Duration duration,
            long maxSamples,
            double rate,
            long seed,
            Map<String, String> kafka,
            int streamsMetricsPort,
            int trainerMetricsPort,
            Duration windowSpan,
            Path picture) {
        public Settings {
            kafka = Map.copyOf(kafka);
        }

        /** The existing Kafka's bootstrap servers, or null for an in-process broker. */
        public String bootstrapServers() {
            return kafka.get(ConfigSources.BOOTSTRAP_KEY);
        }
    }

    /** How the run ended, for the summary. */
    public record Summary(
            String reason,
            long seconds,
            long samplesSent,
            long samplesTrained,
            TrainerStatus trainer,
            Map<String, ScaleRecord> scales,
            Map<String, ScaleRecord> inputScales,
            List<String> alerts,
            long startMillis,
            int streamsMetricsPort,
            int trainerMetricsPort,
            Path picture) {

        /** The alert records, parsed, in arrival order. */
        public List<AlertTransition> transitions() {
            return alerts.stream().map(AlertTransition::parse).toList();
        }
    }

    private final Settings settings;
    private final LabelledDataset data;
    private final ReplayPlan plan;
    private final Pipeline pipeline;
    private final DemoHistory history;
    private volatile boolean stopRequested;
    private long startNanos;
    private long startMillis;

    private DemoRun(Settings settings, LabelledDataset data, ReplayPlan plan, Pipeline pipeline) {
        this.settings = settings;
        this.data = data;
        this.plan = plan;
        this.pipeline = pipeline;
        this.history = new DemoHistory(plan.labels());
    }

    /** Loads the data and starts every part; on failure, stops what was started. */
    public static DemoRun start(Settings s) throws Exception {
        LabelledDataset data = LabelledDataset.load(s.dataset(), 0.2, s.seed());
        Profile profile = Profile.parse(s.profile());
        // Enough epochs that the replay outlasts the run at the chosen rate; drift fractions refer to this plan.
        int epochSize = ReplayPlan.create(data.train(), profile, 1, s.seed()).size();
        long wanted = (long) Math.ceil(s.rate() * s.duration().toSeconds());
        if (s.maxSamples() > 0) {
            wanted = Math.min(wanted, s.maxSamples());
        }
        int epochs = (int) Math.max(1, Math.ceil((double) wanted / epochSize));
        ReplayPlan plan = ReplayPlan.create(data.train(), profile, epochs, s.seed());
        Pipeline pipeline = Pipeline.builder("ssi-demo")
                .optKafka(s.kafka())
                .setStreamsSettings(Map.of(
                        "application.id",
                        "ssi-demo-streams-" + System.currentTimeMillis(),
                        // A short span so a starving class visibly empties within the demo.
                        "window.span",
                        s.windowSpan().toMillis() + "ms",
                        "window.max-per-class",
                        "512",
                        "scale.min-samples",
                        "32",
                        "scale.publish-interval",
                        "500ms",
                        // A class's usual S' over the last minute (from 20 s on), so a collapse within the
                        // demo's 2.5 minutes is measured against the class's own recent past.
                        "alert.baseline",
                        "60s",
                        "alert.baseline-min",
                        "20s",
                        "metrics.port",
                        Integer.toString(portOrAny(s.streamsMetricsPort()))))
                .setTrainerSettings(Map.of(
                        "trainer.group-id", "ssi-demo-trainer-" + System.currentTimeMillis(),
                        "stage.fill-samples", Long.toString(Math.max(2_000, (long) (s.rate() * 20))),
                        "stage.refresh-samples", Long.toString(Math.max(4_000, (long) (s.rate() * 40))),
                        "evaluation.prequential-window", "400",
                        "seed", Long.toString(s.seed()),
                        "metrics.port", Integer.toString(portOrAny(s.trainerMetricsPort())),
                        "classes", String.join(",", plan.labels())))
                .setReplay(data.train(), plan, s.rate())
                .start();
        DemoRun run = new DemoRun(s, data, plan, pipeline);
        run.startNanos = System.nanoTime();
        run.startMillis = System.currentTimeMillis();
        LOG.info(
                "demo running: {} samples of {} with profile {} at {} samples/s; streams-app metrics on :{}, trainer on :{}",
                plan.size(),
                data.name(),
                s.profile(),
                s.rate(),
                run.streamsMetricsPort(),
                run.trainerMetricsPort());
        return run;
    }

    /** Shows the table every {@code refresh} until the run ends; returns how it ended. */
    public Summary run(Consumer<String> table, Duration refresh) throws InterruptedException {
        String reason;
        while (true) {
            TrainerStatus status = pipeline.trainer().status();
            Map<String, ScaleRecord> scales = pipeline.scales().snapshot().byLabel();
            Map<String, ScaleRecord> inputScales = inputScales();
            history.record((System.nanoTime() - startNanos) / 1e9, scales, inputScales, status.classWeights());
            table.accept(render(status, scales, inputScales));
            long elapsed = elapsedSeconds();
            if (stopRequested) {
                reason = "stopped";
                break;
            }
            if (elapsed >= settings.duration().toSeconds()) {
                reason = "duration of " + settings.duration().toSeconds() + " s reached";
                break;
            }
            if (settings.maxSamples() > 0 && status.samplesTrained() >= settings.maxSamples()) {
                reason = settings.maxSamples() + " samples trained";
                break;
            }
            // A failed part first: a replay that died has also stopped running.
            try {
                pipeline.check();
            } catch (PartFailedException e) {
                reason = "a part failed: " + e.getMessage();
                break;
            }
            if (!pipeline.replayRunning() && status.samplesTrained() >= pipeline.samplesSent()) {
                reason = "the replay was trained through";
                break;
            }
            Thread.sleep(refresh.toMillis());
        }
        // Stopped, the replay reports its final count: the summary never shows fewer samples replayed than trained.
        pipeline.stopReplay();
        TrainerStatus last = pipeline.trainer().status();
        Map<String, ScaleRecord> scales = pipeline.scales().snapshot().byLabel();
        Map<String, ScaleRecord> inputScales = inputScales();
        history.record((System.nanoTime() - startNanos) / 1e9, scales, inputScales, last.classWeights());
        Summary summary = new Summary(
                reason,
                elapsedSeconds(),
                pipeline.samplesSent(),
                last.samplesTrained(),
                last,
                scales,
                inputScales,
                pipeline.alerts().all(),
                startMillis,
                streamsMetricsPort(),
                trainerMetricsPort(),
                drawPicture());
        return summary;
    }

    /** Writes the run's picture; a picture that cannot be written is logged, not a failed demo. */
    private Path drawPicture() {
        if (settings.picture() == null) {
            return null;
        }
        List<AlertTransition> transitions =
                pipeline.alerts().all().stream().map(AlertTransition::parse).toList();
        double end = (System.nanoTime() - startNanos) / 1e9;
        try {
            DemoChart.write(
                    settings.picture(), history, DemoChart.periods(transitions, startMillis, end), data::displayName);
            return settings.picture().toAbsolutePath();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write the demo's picture to {}: {}", settings.picture(), e.toString());
            return null;
        }
    }

    /** Where the streams-app serves /metrics. */
    public int streamsMetricsPort() {
        return pipeline.streams().metricsPort();
    }

    /** Where the trainer serves /metrics. */
    public int trainerMetricsPort() {
        return pipeline.trainer().metricsPort();
    }

    /** Ends {@link #run} at its next refresh (Ctrl-C). */
    public void stop() {
        stopRequested = true;
    }

    /** The input view's scales (the raw samples' projection), empty when the streams-app publishes none. */
    private Map<String, ScaleRecord> inputScales() {
        return pipeline.inputScales() == null
                ? Map.of()
                : pipeline.inputScales().snapshot().byLabel();
    }

    String render(TrainerStatus status, Map<String, ScaleRecord> scales, Map<String, ScaleRecord> inputScales) {
        return DemoTable.render(
                plan.labels(),
                data::displayName,
                scales,
                inputScales,
                status,
                new DemoTable.Progress(
                        elapsedSeconds(),
                        settings.duration().toSeconds(),
                        pipeline.samplesSent(),
                        plan.size(),
                        pipeline.alerts().all().size()));
    }

    private long elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1_000_000_000L;
    }

    /** Classes in label order. */
    public List<String> labels() {
        return plan.labels();
    }

    /** Display names of the classes (Fashion-MNIST's names, else the labels). */
    public java.util.function.UnaryOperator<String> displayNames() {
        return data::displayName;
    }

    /** Stops the pipeline's parts (its alerts reader too) in reverse order, and deletes the run's files. */
    @Override
    public void close() {
        pipeline.close();
    }

    /** The port if it is free on 127.0.0.1, else 0 (any free port). */
    static int portOrAny(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return port;
        } catch (IOException e) {
            LOG.info("port {} is taken; using another one", port);
            return 0;
        }
    }
}
