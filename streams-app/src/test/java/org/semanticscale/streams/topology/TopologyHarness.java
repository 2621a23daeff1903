package org.semanticscale.streams.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.record.LabelledTensor;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.record.ScaleRecords;
import org.semanticscale.streams.StreamsAppConfig;
import org.semanticscale.streams.metrics.StreamsAppMetrics;

/**
 * Drives the real topology (from {@link ScaleTopology#build}) with a {@link TopologyTestDriver}:
 * test topics in and out, wall-clock time advanced on purpose to fire the punctuators.
 */
final class TopologyHarness implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final StreamsAppConfig config;
    final StreamsAppMetrics metrics;
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> features;
    private final TestInputTopic<byte[], byte[]> samples;
    private final TestOutputTopic<String, String> scales;
    private final TestOutputTopic<String, String> inputScales;
    private final TestOutputTopic<String, String> alerts;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final Map<String, ScaleRecord> latestScales = new LinkedHashMap<>();
    private final Map<String, ScaleRecord> latestInputScales = new LinkedHashMap<>();
    private final List<String> alertLog = new ArrayList<>();
    private final List<TestRecord<byte[], byte[]>> deadLetterLog = new ArrayList<>();
    /** The driver's wall clock, advanced only through this harness. */
    private Instant wallClock;

    TopologyHarness(Map<String, String> overrides) throws IOException {
        this(overrides, Files.createTempDirectory("ssi-ttd-"));
    }

    /** A driver on an existing state directory: a restart. */
    TopologyHarness(Map<String, String> overrides, Path stateDir) {
        this(overrides, stateDir, Instant.ofEpochMilli(0));
    }

    /** A driver whose wall clock starts at {@code start}: a restart that resumes the clock where the first life left it. */
    TopologyHarness(Map<String, String> overrides, Instant start) throws IOException {
        this(overrides, Files.createTempDirectory("ssi-ttd-"), start);
    }

    private TopologyHarness(Map<String, String> overrides, Path stateDir, Instant start) {
        this.config = StreamsAppConfig.of(overrides);
        this.metrics = new StreamsAppMetrics(config.metricsMaxClasses());
        metrics.bindTo(registry);
        this.stateDir = stateDir;
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "ssi-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(ScaleTopology.build(config, metrics), p, start);
        wallClock = start;
        features =
                driver.createInputTopic(config.featuresTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        samples = driver.createInputTopic(config.samplesTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        scales = driver.createOutputTopic(config.scalesTopic(), new StringDeserializer(), new StringDeserializer());
        inputScales =
                driver.createOutputTopic(config.inputScalesTopic(), new StringDeserializer(), new StringDeserializer());
        alerts = driver.createOutputTopic(config.alertsTopic(), new StringDeserializer(), new StringDeserializer());
        deadLetters = driver.createOutputTopic(
                config.deadLettersTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A binary feature vector keyed by its label, at event time {@code timestamp}. */
    void send(String label, float[] vector, long timestamp) {
        sendRaw(
                label.getBytes(StandardCharsets.UTF_8),
                BinaryRecords.encode(new FeatureVector(label, vector, 7, "")),
                timestamp);
    }

    void sendRaw(byte[] key, byte[] value, long timestamp) {
        features.pipeInput(key, value, timestamp);
    }

    /** A binary labelled sample keyed by its sample id, as the replay and the trainer's users send them. */
    void sendSample(String sampleId, String label, int[] shape, float[] values, long timestamp) {
        sendRawSample(
                sampleId.getBytes(StandardCharsets.UTF_8),
                BinaryRecords.encode(new LabelledTensor(label, shape, values, sampleId)),
                timestamp);
    }

    void sendRawSample(byte[] key, byte[] value, long timestamp) {
        samples.pipeInput(key, value, timestamp);
    }

    /** Fires stage A's and then stage B's punctuators, and collects what came out. */
    void settle() {
        advance(config.scaleInterval());
        advance(config.publishInterval());
        collect();
    }

    void advanceWallClock(Duration d) {
        advance(d);
        collect();
    }

    private void advance(Duration d) {
        driver.advanceWallClockTime(d);
        wallClock = wallClock.plus(d);
    }

    /** The driver's wall clock now (a restart can resume from it). */
    Instant wallClock() {
        return wallClock;
    }

    private void collect() {
        for (var kv : scales.readKeyValuesToList()) {
            latestScales.put(kv.key, ScaleRecords.fromJson(kv.value.getBytes(StandardCharsets.UTF_8)));
        }
        for (var kv : inputScales.readKeyValuesToList()) {
            latestInputScales.put(kv.key, ScaleRecords.fromJson(kv.value.getBytes(StandardCharsets.UTF_8)));
        }
        for (var kv : alerts.readKeyValuesToList()) {
            alertLog.add(kv.value);
        }
        deadLetterLog.addAll(deadLetters.readRecordsToList());
    }

    Map<String, ScaleRecord> scales() {
        collect();
        return latestScales;
    }

    /** The latest record per class on the input-scales topic. */
    Map<String, ScaleRecord> inputScales() {
        collect();
        return latestInputScales;
    }

    List<String> alerts() {
        collect();
        return alertLog;
    }

    /** The alerts published so far, parsed. */
    List<JsonNode> alertNodes() {
        List<JsonNode> out = new ArrayList<>();
        for (String json : alerts()) {
            try {
                out.add(JSON.readTree(json));
            } catch (JsonProcessingException e) {
                throw new AssertionError("unreadable alert " + json, e);
            }
        }
        return out;
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        collect();
        return deadLetterLog;
    }

    /** The store's changelog as a restore would apply it: the latest value per key, deletes dropped. */
    Map<String, byte[]> changelog(String store) {
        TestOutputTopic<String, byte[]> topic = driver.createOutputTopic(
                "ssi-test-" + store + "-changelog", new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, byte[]> latest = new LinkedHashMap<>();
        for (var kv : topic.readKeyValuesToList()) {
            if (kv.value == null) {
                latest.remove(kv.key);
            } else {
                latest.put(kv.key, kv.value);
            }
        }
        return latest;
    }

    /** Loads a changelog into a store before its processor first runs, as a restore on a new instance does. */
    void restoreStore(String store, Map<String, byte[]> changelog) {
        org.apache.kafka.streams.state.KeyValueStore<String, byte[]> s = driver.getKeyValueStore(store);
        changelog.forEach(s::put);
    }

    TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.close();
    }
}
