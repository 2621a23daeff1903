package org.semanticscale.cli.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.semanticscale.trainer.app.TrainerApp;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.config.ConfigSources;
import org.semanticscale.replay.LabelledDataset;
import org.semanticscale.replay.Profile;
import org.semanticscale.replay.ReplayPlan;
import org.semanticscale.replay.SampleReplayer;
import org.semanticscale.scaletopic.ScaleView;
import org.semanticscale.streams.StreamsApp;
import org.semanticscale.streams.StreamsAppConfig;
import org.semanticscale.topic.TopicNames;
import org.semanticscale.trainer.train.TrainerConfig;
import org.semanticscale.trainer.train.TrainerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system in one process: a broker (unless one is given), the streams-app, the trainer and a
 * replay of a data set with a drifting long-tail profile. {@link #run} shows the live table until the
 * duration is up, the sample budget is spent, the replay is trained through, or {@link #stop} is
 * called; {@link #close} then stops everything in reverse order and deletes the run's files.
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
     */
    public record Settings(String dataset, String profile, Duration duration, long maxSamples, double rate, long seed,
                           Map<String, String> kafka, int streamsMetricsPort, int trainerMetricsPort, Duration windowSpan) {
        public Settings {
            kafka = Map.copyOf(kafka);
        }

        /** The existing Kafka's bootstrap servers, or null for an in-process broker. */
        public String bootstrapServers() {
            return kafka.get(ConfigSources.BOOTSTRAP_KEY);
        }
    }

    /** How the run ended, for the summary. */
    public record Summary(String reason, long seconds, long samplesSent, long samplesTrained, TrainerStatus trainer,
                          Map<String, org.semanticscale.record.ScaleRecord> scales, List<String> alerts, int streamsMetricsPort,
                          int trainerMetricsPort) {
    }

    private final Settings settings;
    private final LabelledDataset data;
    private final ReplayPlan plan;
    private final Path workDir;
    private EmbeddedKafkaBroker broker;
    private StreamsApp streams;
    private TrainerApp trainer;
    private ScaleView scales;
    private DemoAlerts alerts;
    private SampleReplayer replayer;
    private Thread replayThread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Throwable> replayFailure = new AtomicReference<>();
    private volatile boolean stopRequested;
    private long startNanos;

    private DemoRun(Settings settings, LabelledDataset data, ReplayPlan plan, Path workDir) {
        this.settings = settings;
        this.data = data;
        this.plan = plan;
        this.workDir = workDir;
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
        DemoRun run = new DemoRun(s, data, plan, Files.createTempDirectory("ssi-demo-"));
        try {
            run.startParts();
        } catch (Exception | Error e) {
            run.close();
            throw e;
        }
        return run;
    }

    private void startParts() throws Exception {
        Map<String, String> kafkaSettings = new HashMap<>(settings.kafka());
        String prefix = "";
        if (settings.bootstrapServers() == null) {
            broker = EmbeddedKafkaBroker.start();
            kafkaSettings.put(ConfigSources.BOOTSTRAP_KEY, broker.bootstrapServers());
        } else {
            // Someone else's Kafka: topics of this run only, so old data cannot leak in.
            prefix = "ssi-demo-" + System.currentTimeMillis() + ".";
        }
        Map<String, String> topics = Map.of(
                "topics.features", prefix + TopicNames.FEATURES,
                "topics.scales", prefix + TopicNames.SCALES,
                "topics.dead-letters", prefix + TopicNames.DEAD_LETTERS);
        int streamsPort = portOrAny(settings.streamsMetricsPort());
        int trainerPort = portOrAny(settings.trainerMetricsPort());

        Map<String, String> streamsSettings = new HashMap<>(topics);
        streamsSettings.putAll(kafkaSettings);
        streamsSettings.putAll(Map.of(
                "application.id", "ssi-demo-streams-" + System.currentTimeMillis(),
                "topics.alerts", prefix + TopicNames.ALERTS,
                "state.dir", workDir.resolve("streams-state").toString(),
                // A short span so a starving class visibly empties within the demo.
                "window.span", settings.windowSpan().toMillis() + "ms",
                "window.max-per-class", "512",
                "scale.min-samples", "32",
                "scale.publish-interval", "500ms",
                "metrics.port", Integer.toString(streamsPort)));
        streams = StreamsApp.start(StreamsAppConfig.of(streamsSettings));

        Map<String, String> trainerSettings = new HashMap<>(topics);
        trainerSettings.putAll(kafkaSettings);
        trainerSettings.putAll(Map.of(
                "topics.samples", prefix + TopicNames.SAMPLES,
                "trainer.group-id", "ssi-demo-trainer-" + System.currentTimeMillis(),
                "checkpoint.dir", workDir.resolve("checkpoints").toString(),
                "stage.fill-samples", Long.toString(Math.max(2_000, (long) (settings.rate() * 20))),
                "stage.refresh-samples", Long.toString(Math.max(4_000, (long) (settings.rate() * 40))),
                "evaluation.prequential-window", "400",
                "seed", Long.toString(settings.seed()),
                "metrics.port", Integer.toString(trainerPort)));
        trainerSettings.put("classes", String.join(",", plan.labels()));
        trainer = TrainerApp.start(TrainerConfig.of(trainerSettings));

        Properties kafka = new org.semanticscale.config.Settings(kafkaSettings).kafkaClientProperties();
        scales = ScaleView.reading(kafka, prefix + TopicNames.SCALES).start();
        alerts = new DemoAlerts(kafka, prefix + TopicNames.ALERTS);
        replayer = new SampleReplayer(kafka, prefix + TopicNames.SAMPLES);
        replayThread = new Thread(() -> {
            try {
                replayer.replay(data.train(), plan, settings.rate(), sent::set);
            } catch (RuntimeException e) {
                replayFailure.set(e);
            }
        }, "demo-replay");
        replayThread.start();
        startNanos = System.nanoTime();
        LOG.info("demo running: {} samples of {} with profile {} at {} samples/s; streams-app metrics on :{}, trainer on :{}",
                plan.size(), data.name(), settings.profile(), settings.rate(), streams.metricsPort(), trainer.metricsPort());
    }

    /** Shows the table every {@code refresh} until the run ends; returns how it ended. */
    public Summary run(Consumer<String> table, Duration refresh) throws InterruptedException {
        String reason;
        while (true) {
            TrainerStatus status = trainer.status();
            table.accept(render(status));
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
            if (!replayThread.isAlive() && status.samplesTrained() >= sent.get()) {
                reason = "the replay was trained through";
                break;
            }
            if (replayFailure.get() != null || !streams.isAlive() || !trainer.healthy()) {
                reason = "a part failed: " + failure(status);
                break;
            }
            Thread.sleep(refresh.toMillis());
        }
        // The replay reports progress every 256 samples: stop it and let it report its final count,
        // or the summary may show fewer samples replayed than trained.
        replayer.stop();
        join(replayThread);
        return new Summary(reason, elapsedSeconds(), sent.get(), trainer.status().samplesTrained(), trainer.status(),
                scales.snapshot().byLabel(), alerts.all(), streams.metricsPort(), trainer.metricsPort());
    }

    /** Where the streams-app serves /metrics. */
    public int streamsMetricsPort() {
        return streams.metricsPort();
    }

    /** Where the trainer serves /metrics. */
    public int trainerMetricsPort() {
        return trainer.metricsPort();
    }

    /** Ends {@link #run} at its next refresh (Ctrl-C). */
    public void stop() {
        stopRequested = true;
    }

    String render(TrainerStatus status) {
        return DemoTable.render(plan.labels(), data::displayName, scales.snapshot().byLabel(), status,
                new DemoTable.Progress(elapsedSeconds(), settings.duration().toSeconds(), sent.get(), plan.size(), alerts.all().size()));
    }

    private String failure(TrainerStatus status) {
        if (replayFailure.get() != null) {
            return "replay: " + replayFailure.get().getMessage();
        }
        if (!streams.isAlive()) {
            return "streams-app: " + (streams.failure() == null ? streams.state() : streams.failure());
        }
        return "trainer: " + status.failure();
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

    /** Stops the replay, the trainer, the scales and alerts readers, the streams-app and the broker, then deletes the run's files. */
    @Override
    public void close() {
        if (replayer != null) {
            replayer.stop();
        }
        join(replayThread);
        closeQuietly("trainer", trainer);
        closeQuietly("alerts reader", alerts);
        closeQuietly("scales view", scales);
        closeQuietly("streams-app", streams);
        closeQuietly("broker", broker);
        try (Stream<Path> paths = Files.walk(workDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", workDir, e.getMessage());
        }
    }

    private static void join(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(String what, AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("stopping the {} failed: {}", what, e.toString());
        }
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
