package org.semanticscale.streams;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.semanticscale.connection.KafkaConnection;
import org.semanticscale.metrics.MetricsServer;
import org.semanticscale.streams.metrics.StreamsAppMetrics;
import org.semanticscale.streams.state.LocalStateGuard;
import org.semanticscale.streams.topology.ScaleTopology;
import org.semanticscale.topic.TopicLayout;
import org.semanticscale.topic.TopicRole;
import org.semanticscale.topic.TopicSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running streams-app: creates missing topics, wipes local state another cluster built, starts
 * Kafka Streams on the topology from {@link ScaleTopology}, and serves {@code /metrics} and {@code /health} (200 once RUNNING).
 */
public final class StreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

    private final StreamsAppConfig config;
    private final PrometheusMeterRegistry registry;
    private final StreamsAppMetrics metrics;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final MetricsServer metricsServer;
    private final KafkaConnection kafka;
    private volatile Throwable failure;

    private StreamsApp(
            StreamsAppConfig config,
            PrometheusMeterRegistry registry,
            StreamsAppMetrics metrics,
            KafkaStreams streams,
            KafkaStreamsMetrics streamsMetrics,
            MetricsServer metricsServer,
            KafkaConnection kafka) {
        this.kafka = kafka;
        this.config = config;
        this.registry = registry;
        this.metrics = metrics;
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
        this.metricsServer = metricsServer;
    }

    /**
     * Checks the broker, creates topics, wipes local state that another cluster's data built, starts
     * the streams and the metrics endpoint. Throws with a clear message when the broker cannot be reached.
     */
    public static StreamsApp start(StreamsAppConfig config) throws IOException, InterruptedException {
        LOG.info(
                "starting streams-app {} on {}: window span {}, at most {} vectors per class, scales every {}",
                config.applicationId(),
                config.bootstrapServers(),
                config.windowSpan(),
                config.maxPerClass(),
                config.scaleInterval());
        if (config.inputEnabled()) {
            LOG.info(
                    "model view: {} -> {}; input view: {} -> {} ({} projection to {}-d, seed {})",
                    config.featuresTopic(),
                    config.scalesTopic(),
                    config.samplesTopic(),
                    config.inputScalesTopic(),
                    config.inputProjection().configName(),
                    config.inputDimension(),
                    config.inputSeed());
        } else {
            LOG.info(
                    "model view: {} -> {}; input view off (input.enabled=false)",
                    config.featuresTopic(),
                    config.scalesTopic());
        }
        KafkaConnection kafka = KafkaConnection.open(config.kafka(), config.connectionTimeout(), "the streams-app");
        try {
            TopicLayout topics = config.topics().resolve(kafka.brokers());
            createTopics(kafka, config, topics);
            LocalStateGuard guard = new LocalStateGuard(
                    kafka, Path.of(config.stateDir()), config.applicationId(), ScaleTopology.changelogTopics(config));
            return start(config, kafka, guard, topics);
        } catch (IOException | InterruptedException | RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    private static StreamsApp start(
            StreamsAppConfig config, KafkaConnection kafka, LocalStateGuard guard, TopicLayout topics)
            throws IOException, InterruptedException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        StreamsAppMetrics metrics = new StreamsAppMetrics(config.metricsMaxClasses());
        metrics.bindTo(registry);

        KafkaStreams streams =
                new KafkaStreams(ScaleTopology.build(config, metrics), streamsProperties(config, topics));
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        MetricsServer server = null;
        try {
            wipeForeignState(streams, guard);
            streamsMetrics.bindTo(registry);
            server = MetricsServer.start(
                    config.metricsHost(),
                    config.metricsPort(),
                    registry,
                    () -> streams.state() == KafkaStreams.State.RUNNING);
            StreamsApp app = new StreamsApp(config, registry, metrics, streams, streamsMetrics, server, kafka);
            streams.setUncaughtExceptionHandler(e -> {
                LOG.error("stream thread failed; stopping the app", e);
                app.failure = e;
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            AtomicBoolean identityRecorded = new AtomicBoolean();
            streams.setStateListener((now, before) -> {
                LOG.info("Kafka Streams {} -> {}", before, now);
                if (now == KafkaStreams.State.RUNNING && identityRecorded.compareAndSet(false, true)) {
                    // Not on the stream thread that calls this listener: the admin request may wait for the broker.
                    Thread recorder =
                            new Thread(() -> identityRecorded.set(recordIdentity(guard)), "ssi-state-identity");
                    recorder.setDaemon(true);
                    recorder.start();
                }
            });
            streams.start();
            return app;
        } catch (IOException | InterruptedException | RuntimeException e) {
            streams.close(Duration.ZERO);
            streamsMetrics.close();
            if (server != null) {
                server.close();
            }
            registry.close();
            throw e;
        }
    }

    /**
     * Local state built from another cluster's data, or from changelogs since deleted, would be
     * restored as it is and published (docs/decisions.md, "Local state belongs to one cluster"):
     * wipe it, so that the stores are rebuilt from this cluster's changelogs.
     */
    private static void wipeForeignState(KafkaStreams streams, LocalStateGuard guard)
            throws IOException, InterruptedException {
        Optional<String> reason;
        try {
            reason = guard.reasonToWipe();
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot describe the changelog topics within connection.timeout", e);
        }
        if (reason.isPresent()) {
            LOG.warn(
                    "wiping the local state in {}: {}. Its stores are rebuilt from this cluster's changelogs.",
                    guard.applicationStateDir(),
                    reason.get());
            streams.cleanUp();
        }
    }

    /**
     * Records which cluster and changelogs the local state is built from, once per start; false when it
     * could not (tried again at the next RUNNING; at worst the next start wipes and rebuilds the state).
     */
    private static boolean recordIdentity(LocalStateGuard guard) {
        try {
            guard.recordCurrent();
            return true;
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.warn("could not record the identity of the local state yet: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Kafka Streams' settings; {@code kafka.*} settings, put last, override any of them. */
    static Properties streamsProperties(StreamsAppConfig config, TopicLayout topics) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
        // Changelog and repartition topics replicated like the app's own topics (kafka.replication.factor and
        // kafka.topic.min.insync.replicas override it).
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topics.replicationFactor());
        p.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), topics.minInsyncReplicas());
        // 256 KB producer batches instead of 16 KB: 60k -> 100k records/s pass-through (docs/benchmarks.md, 'Anchors').
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 262_144);
        // Stage A's tasks read two partitions (the input topic and its repartition topic, usually empty). With
        // the default 0, Kafka Streams 4.4 formats a waiting message with String.format for the empty one on
        // every record (PartitionGroup.readyToProcess): about 9 % of the stream thread. -1 processes what is
        // buffered without waiting; the windows do not depend on the order across those two inputs
        // (docs/decisions.md, 'The streams-app's hot path').
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        p.putAll(config.kafka());
        return p;
    }

    private static void createTopics(KafkaConnection kafka, StreamsAppConfig c, TopicLayout layout)
            throws InterruptedException {
        List<TopicSpec> topics = new ArrayList<>(List.of(
                layout.spec(TopicRole.FEATURES, c.featuresTopic()),
                layout.spec(TopicRole.SCALES, c.scalesTopic()),
                layout.spec(TopicRole.ALERTS, c.alertsTopic()),
                layout.spec(TopicRole.DEAD_LETTERS, c.deadLettersTopic())));
        if (c.inputEnabled()) {
            topics.add(layout.spec(TopicRole.SAMPLES, c.samplesTopic()));
            topics.add(layout.spec(TopicRole.INPUT_SCALES, c.inputScalesTopic()));
        }
        kafka.ensureTopics(topics);
    }

    /** Waits until the streams are RUNNING; false on timeout or failure. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State s = streams.state();
            if (s == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING || failure != null) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return false;
    }

    /** True while the streams run or rebalance; false once they stopped or failed. */
    public boolean isAlive() {
        return streams.state().isRunningOrRebalancing() || streams.state() == KafkaStreams.State.CREATED;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The failure that stopped the app, or null. */
    public Throwable failure() {
        return failure;
    }

    public int metricsPort() {
        return metricsServer.port();
    }

    public StreamsAppMetrics metrics() {
        return metrics;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public StreamsAppConfig config() {
        return config;
    }

    @Override
    public void close() {
        LOG.info("stopping streams-app {}", config.applicationId());
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
        metricsServer.close();
        registry.close();
        kafka.close();
    }
}
