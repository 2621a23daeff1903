package org.semanticscale.streams;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.semanticscale.config.ConfigSources;
import org.semanticscale.config.Settings;
import org.semanticscale.scale.Saturation;
import org.semanticscale.scale.WeightNormalization;
import org.semanticscale.sketch.RandomProjection;
import org.semanticscale.topic.TopicNames;
import org.semanticscale.topic.TopicSettings;

/**
 * The streams-app's configuration, parsed and validated once. Defaults live in {@link #DEFAULTS};
 * {@code config/streams-app.properties}, environment variables ({@code SSI_WINDOW_SPAN} for
 * {@code window.span}) and command-line options override them in that order. Every {@code kafka.*}
 * key goes to Kafka Streams and its clients with the prefix removed.
 */
public record StreamsAppConfig(
        String applicationId,
        String featuresTopic,
        String samplesTopic,
        String scalesTopic,
        String inputScalesTopic,
        String alertsTopic,
        String deadLettersTopic,
        TopicSettings topics,
        Duration windowSpan,
        int maxPerClass,
        int featureDimension,
        boolean inputEnabled,
        int inputDimension,
        int inputLength,
        long inputSeed,
        RandomProjection.Kind inputProjection,
        Duration scaleInterval,
        Duration publishInterval,
        double publishTolerance,
        long minSamples,
        double alpha,
        WeightNormalization normalization,
        double beta,
        double saturationThreshold,
        double alertThreshold,
        double alertHysteresis,
        double alertDrop,
        Duration alertBaseline,
        Duration alertBaselineMin,
        String processingGuarantee,
        String stateDir,
        String metricsHost,
        int metricsPort,
        int metricsMaxClasses,
        Duration connectionTimeout,
        Properties kafka) {

    /** Every key the app knows, with its default. */
    public static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new TreeMap<>();
        d.put("kafka.bootstrap.servers", "localhost:9092");
        d.put("connection.timeout", "15s");
        d.put("application.id", "ssi-streams-app");
        d.put("topics.features", TopicNames.FEATURES);
        d.put("topics.samples", TopicNames.SAMPLES);
        d.put("topics.scales", TopicNames.SCALES);
        d.put("topics.input-scales", TopicNames.INPUT_SCALES);
        d.put("topics.alerts", TopicNames.ALERTS);
        d.put("topics.dead-letters", TopicNames.DEAD_LETTERS);
        d.putAll(TopicSettings.DEFAULTS);
        d.put("window.span", "10m");
        d.put("window.max-per-class", "2048");
        d.put("features.dimension", "0");
        d.put("input.enabled", "true");
        d.put("input.dimension", "256");
        d.put("input.length", "0");
        d.put("input.seed", "1");
        d.put("input.projection", RandomProjection.Kind.SPARSE.configName());
        d.put("scale.interval", "1s");
        d.put("scale.publish-interval", "200ms");
        d.put("scale.publish-tolerance", "0.001");
        d.put("scale.min-samples", "16");
        d.put("scale.alpha", "2.0");
        d.put("weights.normalization", WeightNormalization.SUM_TO_ONE.configName());
        d.put("weights.beta", "0.9999");
        d.put("saturation.threshold", Double.toString(Saturation.DEFAULT_THRESHOLD));
        d.put("alert.threshold", "0.5");
        d.put("alert.hysteresis", "1.2");
        d.put("alert.drop", "0.3");
        d.put("alert.baseline", "10m");
        d.put("alert.baseline-min", "30s");
        d.put("processing.guarantee", "exactly_once_v2");
        d.put(
                "state.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "ssi-streams-state")
                        .toString());
        d.put("metrics.host", "127.0.0.1");
        d.put("metrics.port", "9401");
        d.put("metrics.max-classes", "1000");
        return java.util.Collections.unmodifiableMap(d);
    }

    /** Loads file + environment + overrides on top of the defaults and validates every value. */
    public static StreamsAppConfig load(Path file, Map<String, String> env, Map<String, String> overrides)
            throws IOException {
        return from(settings(file, env, overrides));
    }

    /** The merged, not yet validated settings (what the app logs, secrets hidden). */
    public static Settings settings(Path file, Map<String, String> env, Map<String, String> overrides)
            throws IOException {
        return new Settings(ConfigSources.merge(DEFAULTS, file, env, overrides));
    }

    /** The defaults with some keys overridden (tests and the demo). */
    public static StreamsAppConfig of(Map<String, String> overrides) {
        Map<String, String> all = new TreeMap<>(DEFAULTS);
        all.putAll(overrides);
        return from(new Settings(all));
    }

    /** Validates merged settings (see {@link #settings}). */
    public static StreamsAppConfig from(Settings s) {
        s.requireKnownKeys(DEFAULTS.keySet());
        double threshold = s.doubleValue("alert.threshold", 0, 1);
        double hysteresis = s.doubleValue("alert.hysteresis", 1, 100);
        if (threshold * hysteresis > 1) {
            throw new org.semanticscale.config.ConfigException(
                    "alert.hysteresis",
                    Double.toString(hysteresis),
                    "alert.threshold x alert.hysteresis must be at most 1, or a class could never recover");
        }
        Duration baseline = s.duration("alert.baseline");
        Duration baselineMin = s.duration("alert.baseline-min");
        if (baselineMin.compareTo(baseline) > 0) {
            throw new org.semanticscale.config.ConfigException(
                    "alert.baseline-min",
                    baselineMin.toString(),
                    "must be at most alert.baseline (" + baseline + "): a class could never have enough history");
        }
        return new StreamsAppConfig(
                s.string("application.id"),
                s.string("topics.features"),
                s.string("topics.samples"),
                s.string("topics.scales"),
                s.string("topics.input-scales"),
                s.string("topics.alerts"),
                s.string("topics.dead-letters"),
                TopicSettings.from(s),
                s.duration("window.span"),
                s.intValue("window.max-per-class", 2, 1_000_000),
                s.intValue("features.dimension", 0, 1 << 16),
                s.booleanValue("input.enabled"),
                s.intValue("input.dimension", 2, 4096),
                s.intValue("input.length", 0, 1 << 24),
                s.longValue("input.seed", Long.MIN_VALUE, Long.MAX_VALUE),
                s.choice("input.projection", RandomProjection.Kind.values(), RandomProjection.Kind::configName),
                s.duration("scale.interval"),
                s.duration("scale.publish-interval"),
                s.doubleValue("scale.publish-tolerance", 0, 0.5),
                s.longValue("scale.min-samples", 2, Long.MAX_VALUE),
                s.doubleValue("scale.alpha", 1, 1e6),
                s.choice("weights.normalization", WeightNormalization.values(), WeightNormalization::configName),
                betaOf(s),
                s.doubleValue("saturation.threshold", 0, 1),
                threshold,
                hysteresis,
                dropOf(s),
                baseline,
                baselineMin,
                s.string("processing.guarantee", List.of("exactly_once_v2", "at_least_once")),
                s.string("state.dir"),
                s.string("metrics.host"),
                s.intValue("metrics.port", 0, 65_535),
                s.intValue("metrics.max-classes", 1, 1_000_000),
                s.duration("connection.timeout"),
                s.kafkaClientProperties());
    }

    private static double dropOf(Settings s) {
        double drop = s.doubleValue("alert.drop", 0, 1);
        if (drop <= 0 || drop >= 1) {
            throw new org.semanticscale.config.ConfigException(
                    "alert.drop", Double.toString(drop), "expected a fraction in (0, 1), e.g. 0.3 for a 30 % drop");
        }
        return drop;
    }

    private static double betaOf(Settings s) {
        double beta = s.doubleValue("weights.beta", 0, 1);
        if (beta >= 1) {
            throw new org.semanticscale.config.ConfigException(
                    "weights.beta", Double.toString(beta), "expected a number in [0, 1)");
        }
        return beta;
    }

    public String bootstrapServers() {
        return kafka.getProperty("bootstrap.servers");
    }
}
