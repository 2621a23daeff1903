package org.semanticscale.trainer.app;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.semanticscale.connection.KafkaConnection;
import org.semanticscale.metrics.MetricsServer;
import org.semanticscale.scaletopic.ScaleSnapshot;
import org.semanticscale.scaletopic.ScaleView;
import org.semanticscale.topic.TopicLayout;
import org.semanticscale.topic.TopicRole;
import org.semanticscale.topic.TopicSpec;
import org.semanticscale.trainer.checkpoint.Checkpoint;
import org.semanticscale.trainer.checkpoint.CheckpointStore;
import org.semanticscale.trainer.checkpoint.ForeignCheckpointException;
import org.semanticscale.trainer.checkpoint.SampleSource;
import org.semanticscale.trainer.evaluation.HeldOutAccuracy;
import org.semanticscale.trainer.evaluation.HeldOutSet;
import org.semanticscale.trainer.kafka.DeadLetterCounts;
import org.semanticscale.trainer.kafka.DeadLetterSink;
import org.semanticscale.trainer.kafka.FeaturePublisher;
import org.semanticscale.trainer.kafka.KafkaClients;
import org.semanticscale.trainer.kafka.SampleReader;
import org.semanticscale.trainer.metrics.TrainerMetrics;
import org.semanticscale.trainer.sample.SampleValidator;
import org.semanticscale.trainer.train.StepListener;
import org.semanticscale.trainer.train.TrainerConfig;
import org.semanticscale.trainer.train.TrainerStatus;
import org.semanticscale.trainer.train.TrainingLoop;
import org.semanticscale.trainer.train.TrainingSession;
import org.semanticscale.trainer.weights.LossWeighting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer as a running service: checks the broker, creates missing topics, restores the newest
 * checkpoint, starts the scales reader (and, under {@code loss.weighting=dsb-input}, the input scales reader),
 * the training thread and the metrics endpoint, and stops them in order. {@code ssi train} only wires this; a demo can start and stop it in-process and
 * show {@link #status()}.
 */
public final class TrainerApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainerApp.class);
    /** How long a stop waits for the training thread (a step and a checkpoint take well under this). */
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
    /** How often {@link #awaitSamplesTrained} looks at the count: a few steps of the MLP. */
    private static final Duration AWAIT_POLL = Duration.ofMillis(20);

    private final TrainerConfig config;
    private final TrainingSession session;
    private final TrainingLoop loop;
    private final Thread loopThread;
    private final ScaleView scales;
    /** The reader of the input view, or null when the weighting does not read it. */
    private final ScaleView inputScales;

    private final SampleReader reader;
    private final KafkaProducer<byte[], byte[]> producer;
    private final DeadLetterCounts deadLetters;
    private final FeaturePublisher features;
    private final PrometheusMeterRegistry registry;
    /** Held here: meters keep only weak references to what they read. */
    private TrainerMetrics metrics;

    private MetricsServer metricsServer;
    private boolean closed;

    private TrainerApp(
            TrainerConfig config,
            TrainingSession session,
            TrainingLoop loop,
            ScaleView scales,
            ScaleView inputScales,
            SampleReader reader,
            KafkaProducer<byte[], byte[]> producer,
            DeadLetterCounts deadLetters,
            FeaturePublisher features) {
        this.config = config;
        this.session = session;
        this.loop = loop;
        this.scales = scales;
        this.inputScales = inputScales;
        this.reader = reader;
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.features = features;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.loopThread = new Thread(loop, "ssi-trainer");
    }

    /** Starts a trainer; see {@link #start(TrainerConfig, StepListener)}. */
    public static TrainerApp start(TrainerConfig config) throws IOException {
        return start(config, StepListener.NONE);
    }

    /**
     * Starts a trainer and returns once it is training (or waiting for samples).
     *
     * @param listener told about every step, on the training thread
     * @throws org.semanticscale.connection.BrokerUnreachableException when no broker answers within connection.timeout
     * @throws IOException when test files or checkpoints cannot be read
     */
    public static TrainerApp start(TrainerConfig config, StepListener listener) throws IOException {
        LOG.info("trainer settings: {}", config.redactedSettings());
        KafkaClients clients = new KafkaClients(
                config.kafka().clientProperties(), config.kafka().groupId());
        SampleSource source;
        try (KafkaConnection kafka = KafkaConnection.open(
                config.kafka().clientProperties(), config.kafka().connectTimeout(), "the trainer")) {
            createMissingTopics(kafka, config);
            source = new SampleSource(
                    kafka.clusterId(),
                    config.topics().samples(),
                    kafka.topicId(config.topics().samples()).toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "could not describe " + config.topics().samples() + " within "
                            + config.kafka().connectTimeout().toSeconds() + " s",
                    e);
        }
        HeldOutSet heldOut = loadHeldOut(config);

        List<AutoCloseable> opened = new ArrayList<>();
        try {
            KafkaProducer<byte[], byte[]> producer = clients.producer();
            opened.add(producer);
            DeadLetterCounts counts = new DeadLetterCounts();
            DeadLetterSink deadLetterSink =
                    new DeadLetterSink(producer, config.topics().deadLetters(), counts);
            ScaleView scales = startScaleView(config, config.topics().scales(), "ssi-trainer-scales", deadLetterSink);
            opened.add(scales);
            ScaleView inputScales = null;
            if (config.loss().weighting() == LossWeighting.DSB_INPUT) {
                inputScales = startScaleView(
                        config, config.topics().inputScales(), "ssi-trainer-input-scales", deadLetterSink);
                opened.add(inputScales);
            }
            TrainingSession session = TrainingSession.create(
                    config, scales::snapshot, inputScales == null ? () -> ScaleSnapshot.EMPTY : inputScales::snapshot);
            opened.add(session);
            SampleReader reader = new SampleReader(clients.samplesConsumer(), source);
            opened.add(reader);
            FeaturePublisher features = config.model().publishFeatures()
                    ? new FeaturePublisher(producer, config.topics().features())
                    : null;
            if (features != null) {
                opened.add(features);
            }
            Runnable flushOutputs = () -> {
                if (features != null) {
                    features.flush();
                }
                producer.flush();
            };
            CheckpointStore store = new CheckpointStore(
                    config.checkpoint().dir(), config.checkpoint().keep());
            TrainingLoop loop = new TrainingLoop(
                    config, session, reader, deadLetterSink, features, flushOutputs, store, heldOut, listener);

            Optional<Checkpoint> resumed = restore(store, session, config, source);
            resumed.ifPresent(loop::resumeFrom);
            Map<Integer, Long> startOffsets =
                    resumed.map(Checkpoint::nextOffsets).map(Map::copyOf).orElse(Map.of());
            List<Integer> partitions = reader.assign(
                    startOffsets,
                    config.kafka().startFromEarliest(),
                    config.kafka().connectTimeout());
            logResumePoint(config, resumed, partitions, session);

            TrainerApp app =
                    new TrainerApp(config, session, loop, scales, inputScales, reader, producer, counts, features);
            opened.clear();
            app.startServing();
            return app;
        } catch (IOException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    private static ScaleView startScaleView(
            TrainerConfig config, String topic, String clientId, DeadLetterSink deadLetters) {
        return ScaleView.reading(config.kafka().clientProperties(), topic)
                .optClientId(clientId)
                .optDeadLetters(deadLetters::send)
                .start();
    }

    /**
     * Restores the newest checkpoint of this model and log into the session, if there is one. One whose
     * offsets belong to another log is checked before anything of it is loaded, and refused, or set
     * aside under {@code checkpoint.on-mismatch=start-fresh}.
     */
    private static Optional<Checkpoint> restore(
            CheckpointStore store, TrainingSession session, TrainerConfig config, SampleSource source)
            throws IOException {
        try {
            return store.restoreNewest((checkpoint, dir) -> {
                Optional<String> mismatch = checkpoint.source().mismatch(source);
                if (mismatch.isPresent()) {
                    throw new ForeignCheckpointException(dir, mismatch.get());
                }
                session.restore(checkpoint, dir);
            });
        } catch (ForeignCheckpointException e) {
            if (!config.checkpoint().startFreshOnMismatch()) {
                throw new ForeignCheckpointException(
                        e,
                        "resuming would skip samples or train them twice. Either connect "
                                + "to the cluster and topic it came from, point checkpoint.dir at another folder, or start a new "
                                + "model with checkpoint.on-mismatch=start-fresh ('ssi train --set checkpoint.on-mismatch=start-fresh'), "
                                + "which moves the old checkpoints into a set-aside folder in "
                                + config.checkpoint().dir());
            }
            Path aside = store.setAside().orElseThrow();
            LOG.warn(
                    "{}; checkpoint.on-mismatch=start-fresh: the checkpoints were moved to {} and a new model is trained",
                    e.getMessage(),
                    aside);
            return Optional.empty();
        }
    }

    private static void logResumePoint(
            TrainerConfig config, Optional<Checkpoint> resumed, List<Integer> partitions, TrainingSession session) {
        if (resumed.isPresent()) {
            Checkpoint c = resumed.get();
            LOG.info(
                    "resuming from the checkpoint of step {} in {}: {} samples trained, stage {}; reading {} from offsets {}",
                    c.step(),
                    config.checkpoint().dir(),
                    c.samplesTrained(),
                    session.stage(),
                    config.topics().samples(),
                    c.nextOffsets());
        } else {
            LOG.info(
                    "no checkpoint in {}: training a new model; reading {} partitions {} from their {}",
                    config.checkpoint().dir(),
                    config.topics().samples(),
                    partitions,
                    config.kafka().startFromEarliest() ? "earliest offsets" : "ends");
        }
    }

    private void startServing() throws IOException {
        metrics = new TrainerMetrics(
                this::status, config.classes().labels(), config.metrics().maxClassTags(), SampleValidator.REASONS);
        metrics.bindTo(registry);
        // Heap and non-heap use per memory pool (jvm_memory_used_bytes), as the streams-app exports: what
        // shows a leak in a trainer left running for weeks.
        new JvmMemoryMetrics().bindTo(registry);
        try {
            if (config.metrics().enabled()) {
                metricsServer = MetricsServer.start(
                        config.metrics().host(), config.metrics().port(), registry, this::healthy);
            }
            for (ScaleView view : scaleViews()) {
                if (!view.awaitCaughtUp(config.kafka().connectTimeout())) {
                    LOG.warn(
                            "{} not read to its end within {} s: training starts with the scales read so far",
                            view.topic(),
                            config.kafka().connectTimeout().toSeconds());
                }
            }
            loopThread.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static void createMissingTopics(KafkaConnection kafka, TrainerConfig config) {
        TrainerConfig.Topics t = config.topics();
        TopicLayout layout = t.layout().resolve(kafka.brokers());
        List<TopicSpec> specs = new ArrayList<>(List.of(
                layout.spec(TopicRole.SAMPLES, t.samples()),
                layout.spec(TopicRole.FEATURES, t.features()),
                layout.spec(TopicRole.SCALES, t.scales()),
                layout.spec(TopicRole.DEAD_LETTERS, t.deadLetters())));
        if (config.loss().weighting() == LossWeighting.DSB_INPUT) {
            specs.add(layout.spec(TopicRole.INPUT_SCALES, t.inputScales()));
        }
        try {
            kafka.ensureTopics(specs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    private static HeldOutSet loadHeldOut(TrainerConfig config) throws IOException {
        TrainerConfig.Evaluation e = config.evaluation();
        if (!e.enabled()) {
            return null;
        }
        HeldOutSet set = e.testCsv() != null
                ? HeldOutSet.fromCsv(e.testCsv(), config.model().inputShape(), config.classes())
                : HeldOutSet.fromIdx(
                        e.testImages(), e.testLabels(), config.model().inputShape(), config.classes());
        LOG.info(
                "held-out evaluation every {} steps on {} samples ({} of other classes left out)",
                e.everySteps(),
                set.size(),
                set.skipped());
        return set;
    }

    /** What the trainer is doing now. */
    public TrainerStatus status() {
        return TrainerStatus.of(session, loop, deadLetters, features, scaleClasses());
    }

    /** Configured classes with a scale in the view the weights come from. */
    private int scaleClasses() {
        var snapshot = weightScales().snapshot();
        int n = 0;
        for (String label : config.classes().labels()) {
            var r = snapshot.get(label);
            if (r != null && r.hasScale()) {
                n++;
            }
        }
        return n;
    }

    /** Up while the training thread runs and its scales readers read. */
    public boolean healthy() {
        TrainingLoop.State s = loop.state();
        // A scales reader that stopped leaves the model training on weights that no longer change.
        return (s == TrainingLoop.State.STARTING || s == TrainingLoop.State.RUNNING)
                && scaleViews().stream().allMatch(v -> v.failure() == null);
    }

    /** The scales readers running: the model view's, and the input view's under dsb-input. */
    private List<ScaleView> scaleViews() {
        return inputScales == null ? List.of(scales) : List.of(scales, inputScales);
    }

    /** The view DSB weights come from: the input view under dsb-input, else the model view. */
    private ScaleView weightScales() {
        return inputScales == null ? scales : inputScales;
    }

    /** The port /metrics is served on, or -1 when metrics are off. */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.port();
    }

    /**
     * Waits until the model has trained at least {@code samples} samples.
     *
     * @return true once it has; false when the timeout passed or training ended (stopped or failed) before
     */
    public boolean awaitSamplesTrained(long samples, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (session.samplesTrained() < samples) {
            if (loop.state() == TrainingLoop.State.STOPPED
                    || loop.state() == TrainingLoop.State.FAILED
                    || System.nanoTime() - deadline > 0) {
                return session.samplesTrained() >= samples;
            }
            Thread.sleep(AWAIT_POLL.toMillis());
        }
        return true;
    }

    /**
     * Stops training after the batch at hand (with a last checkpoint, unless {@code checkpoint.on-stop=false})
     * and waits for the training thread, but keeps the model open: {@link #evaluate} and {@link #features}
     * then see the final model. {@link #close} still releases everything.
     *
     * @return true when the training thread ended within the timeout
     */
    public boolean stopTraining(Duration timeout) throws InterruptedException {
        loop.requestStop();
        if (loopThread.getState() != Thread.State.NEW) {
            loopThread.join(Math.max(1, timeout.toMillis()));
        }
        return !loopThread.isAlive();
    }

    /** Scores the final model on a held-out set, per class and by head / middle / tail; after {@link #stopTraining}. */
    public HeldOutAccuracy evaluate(HeldOutSet set) {
        requireTrainingStopped("evaluate");
        return session.evaluate(set);
    }

    /**
     * The pooled features ({@code features.dimension} per row) the final model gives rows of inputs in its
     * input layout, row after row; after {@link #stopTraining}.
     */
    public float[] features(float[] rows, int count) {
        requireTrainingStopped("compute features");
        return session.features(rows, count);
    }

    /** One thread uses the model at a time: the training thread, or, once it has ended, the caller. */
    private void requireTrainingStopped(String what) {
        if (closed) {
            throw new IllegalStateException("cannot " + what + ": the trainer is closed");
        }
        if (loopThread.isAlive() || loopThread.getState() == Thread.State.NEW) {
            throw new IllegalStateException("cannot " + what + " while the model trains: call stopTraining first");
        }
    }

    /** Waits for the training thread to end on its own (max steps, failure) or after a stop. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        loopThread.join(Math.max(1, timeout.toMillis()));
        return !loopThread.isAlive();
    }

    /**
     * Stops training after the batch at hand, writes a last checkpoint (unless
     * {@code checkpoint.on-stop=false}) and releases everything. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        loop.requestStop();
        boolean ended = true;
        if (loopThread.getState() != Thread.State.NEW) {
            try {
                loopThread.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ended = !loopThread.isAlive();
        }
        // closeAll closes the last first: the scales readers (which may dead-letter), the samples
        // reader, the feature sender, the producer, the endpoint, then the model.
        List<AutoCloseable> resources = new ArrayList<>();
        if (ended) {
            resources.add(session);
        } else {
            LOG.error("the training thread did not stop within {} s; leaving the model open", STOP_TIMEOUT.toSeconds());
        }
        if (metricsServer != null) {
            resources.add(metricsServer);
        }
        resources.add(() -> producer.close(Duration.ofSeconds(10)));
        if (features != null && ended) {
            resources.add(features);
        }
        if (ended) {
            resources.add(reader); // a Kafka consumer must not be closed under the thread using it
        }
        resources.addAll(scaleViews());
        closeAll(resources);
        LOG.info("trainer stopped: {}", status().summary());
    }

    /** Closes in reverse order of the list. */
    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("while closing: {}", e.toString());
            }
        }
    }
}
