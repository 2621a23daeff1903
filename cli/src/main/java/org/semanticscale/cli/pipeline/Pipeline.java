package org.semanticscale.cli.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.config.ConfigSources;
import org.semanticscale.config.Settings;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.replay.ReplayPlan;
import org.semanticscale.scaletopic.ScaleView;
import org.semanticscale.streams.StreamsApp;
import org.semanticscale.streams.StreamsAppConfig;
import org.semanticscale.topic.TopicNames;
import org.semanticscale.trainer.app.TrainerApp;
import org.semanticscale.trainer.train.TrainerConfig;
import org.semanticscale.trainer.train.TrainerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of one run, wired once: the one factory {@code ssi demo} and {@code ssi experiment} (and their
 * tests) start the whole system with. The parts start in this order and stop in the reverse one:
 *
 * <pre>
 *   "broker"            in-process, unless the Kafka settings name one
 *   "streams-app"       features -> scales, alerts (and, once it publishes them, samples -> input scales)
 *   "trainer"           samples -> features; scales (or input scales) -> class weights
 *   "scale view"        the scales as the caller shows them (the trainer reads its own)
 *   "input scale view"  the input scales, likewise (empty while the streams-app publishes none)
 *   "alerts reader"     every alert so far
 *   "replay"            the plan -> samples, on its own thread, noting when it sends the marked positions
 * </pre>
 *
 * <p>The caller's settings say how the apps run (windows, stages, ports, ids); the pipeline sets where:
 * Kafka, topic names and directories. Every run has its own temporary directory (the streams-app's state,
 * the trainer's checkpoints), deleted on {@link #close}, and on someone else's Kafka its own topic names,
 * so data of earlier runs cannot leak in. A part that fails to start is logged by name and every part
 * started before it is stopped. {@link #check} names a part that failed, died or stalled.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /** What to start; {@code set} methods are required, {@code opt} ones optional. */
    public static final class Builder {
        private final String name;
        private Map<String, String> kafka = Map.of();
        private Map<String, String> streamsSettings;
        private Map<String, String> trainerSettings;
        private LabelledVectors train;
        private ReplayPlan plan;
        private double rate;
        private Duration stallTimeout;
        private final List<Integer> marks = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** {@code kafka.*} settings of an existing Kafka (bootstrap servers, security); without them, an in-process broker. */
        public Builder optKafka(Map<String, String> kafkaSettings) {
            this.kafka = Map.copyOf(kafkaSettings);
            return this;
        }

        /** The streams-app's own settings (windows, scales, metrics port, application.id); they win over the pipeline's. */
        public Builder setStreamsSettings(Map<String, String> settings) {
            this.streamsSettings = Map.copyOf(settings);
            return this;
        }

        /** The trainer's own settings (model, stages, metrics, group id); they win over the pipeline's. */
        public Builder setTrainerSettings(Map<String, String> settings) {
            this.trainerSettings = Map.copyOf(settings);
            return this;
        }

        /** What the replay sends, at {@code rate} samples per second (0: as fast as it can). */
        public Builder setReplay(LabelledVectors trainSet, ReplayPlan replayPlan, double samplesPerSecond) {
            this.train = trainSet;
            this.plan = replayPlan;
            this.rate = samplesPerSecond;
            return this;
        }

        /** {@link #check} fails when the trainer trains nothing this long while samples wait (default: never). */
        public Builder optStallTimeout(Duration timeout) {
            this.stallTimeout = timeout;
            return this;
        }

        /** Asks the replay to note when it sends the sample at {@code position} of the plan ({@link #sentAt}). */
        public Builder optMark(int position) {
            marks.add(position);
            return this;
        }

        /** Starts every part in order; when one fails to start, stops the ones started and rethrows. */
        public Pipeline start() throws IOException, InterruptedException {
            Objects.requireNonNull(streamsSettings, "setStreamsSettings");
            Objects.requireNonNull(trainerSettings, "setTrainerSettings");
            Objects.requireNonNull(plan, "setReplay");
            Pipeline p = new Pipeline(this);
            try {
                p.startParts();
            } catch (Exception | Error e) {
                p.close();
                throw e;
            }
            return p;
        }
    }

    private final Builder settings;
    private final Parts parts = new Parts();
    private Path workDir;
    private String topicPrefix = "";
    private Properties kafka;
    private StreamsApp streams;
    private TrainerApp trainer;
    private ScaleView scales;
    private ScaleView inputScales;
    private AlertLog alerts;
    private Replay replay;
    private long lastTrained = -1;
    private long lastProgressNanos;

    private Pipeline(Builder settings) {
        this.settings = settings;
    }

    /** A run named {@code name} ("ssi-demo"): its temporary directory, threads and, on someone else's Kafka, topics carry the name. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    private void startParts() throws IOException, InterruptedException {
        workDir = Files.createTempDirectory(settings.name + "-");
        Path dir = workDir;
        parts.add("work directory", () -> deleteTree(dir));

        Map<String, String> kafkaSettings = new HashMap<>(settings.kafka);
        if (kafkaSettings.get(ConfigSources.BOOTSTRAP_KEY) == null) {
            EmbeddedKafkaBroker broker = started("broker", EmbeddedKafkaBroker::start);
            kafkaSettings.put(ConfigSources.BOOTSTRAP_KEY, broker.bootstrapServers());
        } else {
            topicPrefix = settings.name + "-" + System.currentTimeMillis() + ".";
        }
        kafka = new Settings(kafkaSettings).kafkaClientProperties();
        Map<String, String> topics = Map.of(
                "topics.features", topic(TopicNames.FEATURES),
                "topics.scales", topic(TopicNames.SCALES),
                "topics.input-scales", topic(TopicNames.INPUT_SCALES),
                "topics.dead-letters", topic(TopicNames.DEAD_LETTERS));

        Map<String, String> streamsSettings = new HashMap<>(kafkaSettings);
        streamsSettings.putAll(topics);
        streamsSettings.put("topics.alerts", topic(TopicNames.ALERTS));
        streamsSettings.put("state.dir", workDir.resolve("streams-state").toString());
        // The input view reads the samples the trainer reads, and knows their length, so a malformed sample can
        // never decide a class's length.
        streamsSettings.put("topics.samples", topic(TopicNames.SAMPLES));
        streamsSettings.put("input.length", Integer.toString(settings.train.dimension()));
        streamsSettings.putAll(settings.streamsSettings);
        streams = started("streams-app", () -> StreamsApp.start(StreamsAppConfig.of(streamsSettings)));

        Map<String, String> trainerSettings = new HashMap<>(kafkaSettings);
        trainerSettings.putAll(topics);
        trainerSettings.put("topics.samples", topic(TopicNames.SAMPLES));
        trainerSettings.put("checkpoint.dir", workDir.resolve("checkpoints").toString());
        trainerSettings.putAll(settings.trainerSettings);
        trainer = started("trainer", () -> TrainerApp.start(TrainerConfig.of(trainerSettings)));

        scales = started(
                "scale view",
                () -> ScaleView.reading(kafka, topic(TopicNames.SCALES)).start());
        inputScales = started(
                "input scale view",
                () -> ScaleView.reading(kafka, topic(TopicNames.INPUT_SCALES)).start());
        alerts = started(
                "alerts reader", () -> AlertLog.start(kafka, topic(TopicNames.ALERTS), settings.name + "-alerts"));
        replay = started(
                "replay",
                () -> Replay.start(
                        kafka,
                        topic(TopicNames.SAMPLES),
                        settings.train,
                        settings.plan,
                        settings.rate,
                        settings.marks,
                        settings.name + "-replay"));
        lastProgressNanos = System.nanoTime();
    }

    @FunctionalInterface
    private interface Starter<T extends AutoCloseable> {
        T start() throws IOException, InterruptedException;
    }

    /** Starts a part and records it for {@link #close}; a failure to start is logged with the part's name. */
    private <T extends AutoCloseable> T started(String name, Starter<T> starter)
            throws IOException, InterruptedException {
        T part;
        try {
            part = starter.start();
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOG.error("the {} did not start: {}", name, e.toString());
            throw e;
        }
        parts.add(name, part);
        return part;
    }

    /**
     * Throws when a part failed or died, or, with a stall timeout, when the trainer trained nothing for that
     * long while the replay was still running or had sent samples the trainer had not trained. Call it
     * regularly: the stall is measured between calls.
     *
     * @throws PartFailedException naming the part
     */
    public synchronized void check() {
        if (replay.failure() != null) {
            throw new PartFailedException("replay", replay.failure().getMessage(), replay.failure());
        }
        if (!streams.isAlive()) {
            throw new PartFailedException(
                    "streams-app",
                    String.valueOf(streams.failure() == null ? streams.state() : streams.failure()),
                    streams.failure());
        }
        if (scales.failure() != null) {
            throw new PartFailedException("scale view", scales.failure(), null);
        }
        if (inputScales.failure() != null) {
            throw new PartFailedException("input scale view", inputScales.failure(), null);
        }
        if (alerts.failure() != null) {
            throw new PartFailedException("alerts reader", alerts.failure(), null);
        }
        TrainerStatus status = trainer.status();
        if (!trainer.healthy()) {
            throw new PartFailedException(
                    "trainer", String.valueOf(status.failure() == null ? status.state() : status.failure()), null);
        }
        long trained = status.samplesTrained();
        boolean samplesWaiting = replay.running() || trained < replay.sent();
        if (trained != lastTrained || !samplesWaiting) {
            lastTrained = trained;
            lastProgressNanos = System.nanoTime();
        } else if (settings.stallTimeout != null
                && System.nanoTime() - lastProgressNanos > settings.stallTimeout.toNanos()) {
            throw new PartFailedException(
                    "trainer",
                    String.format(
                            "trained nothing for %d s, at %,d of %,d samples sent",
                            settings.stallTimeout.toSeconds(), trained, replay.sent()),
                    null);
        }
    }

    public StreamsApp streams() {
        return streams;
    }

    public TrainerApp trainer() {
        return trainer;
    }

    /** The newest scale of every class, as the streams-app published them. */
    public ScaleView scales() {
        return scales;
    }

    /** The newest input-view scale of every class, as the streams-app published them (none while it publishes none). */
    public ScaleView inputScales() {
        return inputScales;
    }

    /** Every alert the streams-app published so far. */
    public AlertLog alerts() {
        return alerts;
    }

    /**
     * When the replay handed the sample at {@code position} of the plan to the producer (epoch ms, the clock of the
     * alerts' {@code time}); empty for a position not marked with {@link Builder#optMark}, or not sent yet.
     */
    public OptionalLong sentAt(int position) {
        return replay.sentAt(position);
    }

    /** Samples the replay has sent so far; final once {@link #stopReplay} returned. */
    public long samplesSent() {
        return replay.sent();
    }

    /** True until the replay has sent the whole plan, failed or was stopped. */
    public boolean replayRunning() {
        return replay.running();
    }

    /** Stops the replay and waits until it has reported its final count. */
    public void stopReplay() {
        replay.close();
    }

    /** Kafka client settings of the run's Kafka, for readers of its topics. */
    public Properties kafka() {
        return kafka;
    }

    /** The run's name of a topic of {@link TopicNames}. */
    public String topic(String name) {
        return topicPrefix + name;
    }

    /** Stops the parts in reverse order of starting and deletes the run's directory; a second call does nothing. */
    @Override
    public void close() {
        parts.close();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
