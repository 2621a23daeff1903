package org.semanticscale.trainer.train;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.semanticscale.config.ConfigException;
import org.semanticscale.config.ConfigSources;
import org.semanticscale.config.Settings;
import org.semanticscale.topic.TopicNames;
import org.semanticscale.topic.TopicSettings;
import org.semanticscale.trainer.loss.LossType;
import org.semanticscale.trainer.loss.Losses;
import org.semanticscale.trainer.model.ModelType;
import org.semanticscale.trainer.sample.ClassIndex;
import org.semanticscale.trainer.sample.ClassListFile;
import org.semanticscale.trainer.sample.InputShape;
import org.semanticscale.trainer.weights.LossWeighting;

/**
 * Everything the trainer is configured with, parsed and validated once. Sources, lowest precedence
 * first: {@link #DEFAULTS}, {@code config/trainer.properties}, environment ({@code SSI_BATCH_SIZE}
 * sets {@code batch.size}; {@code KAFKA_BOOTSTRAP_SERVERS}), command-line overrides. Every error names
 * the key and the bad value.
 *
 * @param redactedSettings every setting as merged, secrets masked: what may be logged
 */
public record TrainerConfig(
        Kafka kafka,
        Topics topics,
        DeviceChoice device,
        Model model,
        ClassIndex classes,
        Loss loss,
        int batchSize,
        Duration batchMaxWait,
        double learningRate,
        Stages stages,
        Checkpoints checkpoint,
        Evaluation evaluation,
        Metrics metrics,
        long maxSteps,
        long seed,
        Map<String, String> redactedSettings) {

    /** Every known key with its default: the one place defaults live. */
    public static final Map<String, String> DEFAULTS = defaults();

    /** Kafka connection and the trainer's own consumer settings. */
    public record Kafka(
            Properties clientProperties,
            String bootstrapServers,
            String groupId,
            Duration connectTimeout,
            boolean startFromEarliest) {
        /** A copy of the client properties, so callers can add their own without touching the config. */
        public Properties clientProperties() {
            Properties p = new Properties();
            p.putAll(clientProperties);
            return p;
        }
    }

    /**
     * Topic names, and the partitions and replicas of the ones the trainer creates when missing.
     *
     * @param layout      the partition and replication settings every app shares
     * @param scales      the scales of the model's features (the model view)
     * @param inputScales the scales of a fixed projection of the raw samples (the input view), read under
     *                    {@code loss.weighting=dsb-input} only
     */
    public record Topics(
            String samples,
            String features,
            String scales,
            String inputScales,
            String deadLetters,
            TopicSettings layout) {}

    /**
     * The network.
     *
     * @param hidden       widths of the fully connected layers; the last one is the embedding that
     *                     is average-pooled to {@code featureDim}
     * @param convChannels output channels of the two convolutions of the cnn
     */
    public record Model(
            ModelType type,
            InputShape inputShape,
            List<Integer> hidden,
            List<Integer> convChannels,
            int featureDim,
            boolean publishFeatures) {
        public Model {
            hidden = List.copyOf(hidden);
            convChannels = List.copyOf(convChannels);
        }

        public int embeddingWidth() {
            return hidden.get(hidden.size() - 1);
        }
    }

    /** The loss, the hyperparameters of each loss, and how samples are weighted. */
    public record Loss(
            LossType type, Losses.LossParameters parameters, LossWeighting weighting, double classBalancedBeta) {}

    /** Sample counts that end FILL and REFRESH (docs/semantic-scale.md, 'Dynamic re-weighting'). */
    public record Stages(long fillSamples, long refreshSamples) {}

    /**
     * Where and how often checkpoints are written.
     *
     * @param startFreshOnMismatch what to do with checkpoints whose offsets belong to another cluster
     *                             or topic: set them aside and train a new model (true), or refuse to start
     */
    public record Checkpoints(Path dir, int everySteps, int keep, boolean onStop, boolean startFreshOnMismatch) {}

    /**
     * Held-out evaluation and the prequential window.
     *
     * @param testImages IDX images (with {@code testLabels}), or null
     * @param testCsv    CSV of {@code label,f1,...}, or null
     * @param everySteps evaluate every this many steps; 0 = never
     */
    public record Evaluation(Path testImages, Path testLabels, Path testCsv, int everySteps, int prequentialWindow) {
        public boolean enabled() {
            return everySteps > 0 && (testImages != null || testCsv != null);
        }
    }

    /** The /metrics endpoint; per-class meters only for the first {@code maxClassTags} classes. */
    public record Metrics(boolean enabled, String host, int port, int maxClassTags) {}

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("kafka.bootstrap.servers", "localhost:9092");
        d.put("topics.samples", TopicNames.SAMPLES);
        d.put("topics.features", TopicNames.FEATURES);
        d.put("topics.scales", TopicNames.SCALES);
        d.put("topics.input-scales", TopicNames.INPUT_SCALES);
        d.put("topics.dead-letters", TopicNames.DEAD_LETTERS);
        d.putAll(TopicSettings.DEFAULTS);
        d.put("trainer.device", "auto");
        d.put("trainer.group-id", "ssi-trainer");
        d.put("trainer.start-from", "earliest");
        d.put("connection.timeout", "15s");
        d.put("trainer.max-steps", "0");
        d.put("model.type", "mlp");
        d.put("model.input-shape", "28,28");
        d.put("model.hidden", "256,64");
        d.put("model.conv-channels", "16,32");
        d.put("features.dimension", "64");
        d.put("features.publish", "true");
        d.put("classes", "0,1,2,3,4,5,6,7,8,9");
        d.put("classes.file", "");
        d.put("loss.type", "ce");
        d.put("loss.weighting", "dsb");
        d.put("loss.focal.gamma", "2.0");
        d.put("loss.ldam.max-margin", "0.5");
        d.put("loss.ldam.scale", "30");
        d.put("loss.norm-softmax.sigma", "0.05");
        d.put("loss.softtriple.lambda", "20");
        d.put("loss.softtriple.gamma", "0.1");
        d.put("loss.softtriple.tau", "0.2");
        d.put("loss.softtriple.delta", "0.01");
        d.put("loss.softtriple.centres", "10");
        d.put("loss.class-balanced.beta", "0.9999");
        d.put("batch.size", "64");
        d.put("batch.max-wait", "1s");
        d.put("learning.rate", "0.001");
        d.put("stage.fill-samples", "10000");
        d.put("stage.refresh-samples", "40000");
        // Outside any source checkout, and kept across reboots (unlike the temp directory).
        d.put("checkpoint.dir", "~/.local/state/ssi/trainer/checkpoints");
        d.put("checkpoint.every-steps", "1000");
        d.put("checkpoint.keep", "3");
        d.put("checkpoint.on-stop", "true");
        d.put("checkpoint.on-mismatch", "refuse");
        d.put("evaluation.test-images", "");
        d.put("evaluation.test-labels", "");
        d.put("evaluation.test-csv", "");
        d.put("evaluation.every-steps", "0");
        d.put("evaluation.prequential-window", "1000");
        d.put("metrics.enabled", "true");
        d.put("metrics.host", "127.0.0.1");
        d.put("metrics.port", "9402");
        d.put("metrics.max-class-tags", "100");
        d.put("seed", "42");
        return java.util.Collections.unmodifiableMap(d);
    }

    /**
     * Reads the configuration from its sources.
     *
     * @param file      properties file, or null for none
     * @param env       the environment (System.getenv() in production)
     * @param overrides command-line settings, highest precedence
     */
    public static TrainerConfig load(Path file, Map<String, String> env, Map<String, String> overrides)
            throws IOException {
        return from(new Settings(ConfigSources.merge(DEFAULTS, file, env, overrides)));
    }

    /** The defaults with some keys changed: what tests and embedding code use. */
    public static TrainerConfig of(Map<String, String> overrides) {
        try {
            return load(null, Map.of(), overrides);
        } catch (IOException e) {
            throw new IllegalStateException("no file was read", e);
        }
    }

    /** Validates merged settings into a config. */
    public static TrainerConfig from(Settings s) {
        s.requireKnownKeys(DEFAULTS.keySet());
        Properties client = s.kafkaClientProperties();
        Kafka kafka = new Kafka(
                client,
                s.string("kafka.bootstrap.servers"),
                s.string("trainer.group-id"),
                s.duration("connection.timeout"),
                s.string("trainer.start-from", List.of("earliest", "latest")).equals("earliest"));
        Topics topics = new Topics(
                s.string("topics.samples"),
                s.string("topics.features"),
                s.string("topics.scales"),
                s.string("topics.input-scales"),
                s.string("topics.dead-letters"),
                TopicSettings.from(s));

        Model model = model(s);
        ClassIndex classes = classes(s);
        Loss loss = loss(s);
        Evaluation evaluation = evaluation(s);
        Metrics metrics = new Metrics(
                s.booleanValue("metrics.enabled"),
                s.string("metrics.host"),
                s.intValue("metrics.port", 0, 65_535),
                s.intValue("metrics.max-class-tags", 0, ClassIndex.MAX_CLASSES));
        Checkpoints checkpoints = new Checkpoints(
                homeExpanded(s.string("checkpoint.dir")),
                s.intValue("checkpoint.every-steps", 1, Integer.MAX_VALUE),
                s.intValue("checkpoint.keep", 1, 1000),
                s.booleanValue("checkpoint.on-stop"),
                s.string("checkpoint.on-mismatch", List.of("refuse", "start-fresh"))
                        .equals("start-fresh"));
        return new TrainerConfig(
                kafka,
                topics,
                s.choice("trainer.device", DeviceChoice.values(), DeviceChoice::configName),
                model,
                classes,
                loss,
                s.intValue("batch.size", 1, 4096),
                s.duration("batch.max-wait"),
                s.doubleValue("learning.rate", Double.MIN_NORMAL, 10),
                new Stages(
                        s.longValue("stage.fill-samples", 0, Long.MAX_VALUE),
                        s.longValue("stage.refresh-samples", 0, Long.MAX_VALUE)),
                checkpoints,
                evaluation,
                metrics,
                s.longValue("trainer.max-steps", 0, Long.MAX_VALUE),
                s.longValue("seed", Long.MIN_VALUE, Long.MAX_VALUE),
                s.redacted());
    }

    private static Model model(Settings s) {
        ModelType type = s.choice("model.type", ModelType.values(), ModelType::configName);
        InputShape shape;
        try {
            shape = InputShape.parse(s.string("model.input-shape"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    "model.input-shape",
                    s.string("model.input-shape"),
                    "expected 1 to 3 positive sizes such as 784, 28,28 or 3,32,32 (" + e.getMessage() + ")");
        }
        if (type == ModelType.CNN
                && (shape.rank() < 2 || shape.dims()[shape.rank() - 1] < 4 || shape.dims()[shape.rank() - 2] < 4)) {
            throw new ConfigException(
                    "model.input-shape",
                    shape.toString(),
                    "the cnn takes images H,W or C,H,W (channels first) of at least 4x4");
        }
        List<Integer> hidden = positiveInts(s, "model.hidden", 1, 8);
        List<Integer> channels = positiveInts(s, "model.conv-channels", 2, 2);
        int featureDim = s.intValue("features.dimension", 1, 4096);
        int embedding = hidden.get(hidden.size() - 1);
        if (embedding % featureDim != 0) {
            throw new ConfigException(
                    "features.dimension",
                    Integer.toString(featureDim),
                    "the last width of model.hidden (" + embedding
                            + ") must be a multiple of features.dimension: the embedding is average-pooled in equal groups");
        }
        return new Model(type, shape, hidden, channels, featureDim, s.booleanValue("features.publish"));
    }

    /**
     * The labels of {@code classes}, or of {@code classes.file} when that is set; {@code classes} must then be
     * left at its default.
     */
    private static ClassIndex classes(Settings s) {
        String text = s.string("classes");
        Path file = optionalPath(s, "classes.file");
        if (file == null) {
            List<String> labels =
                    Arrays.stream(text.split(",")).map(String::trim).toList();
            return classIndex(labels, "classes", text, "a comma-separated list of distinct labels: ");
        }
        if (!text.equals(DEFAULTS.get("classes"))) {
            throw new ConfigException(
                    "classes.file",
                    file.toString(),
                    "classes = '" + abbreviated(text) + "' is set too; set either classes or classes.file, not both");
        }
        try {
            return classIndex(ClassListFile.read(file), "classes.file", file.toString(), "");
        } catch (ClassListFile.BadClassListException e) {
            throw new ConfigException("classes.file", file.toString(), e.getMessage());
        }
    }

    private static ClassIndex classIndex(List<String> labels, String key, String value, String expected) {
        try {
            return new ClassIndex(labels);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, abbreviated(value), expected + e.getMessage());
        }
    }

    /** A value short enough for an error message. */
    private static String abbreviated(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }

    private static Loss loss(Settings s) {
        Losses.LossParameters parameters = new Losses.LossParameters(
                s.doubleValue("loss.focal.gamma", 0, 10),
                s.doubleValue("loss.ldam.max-margin", 0, 1),
                s.doubleValue("loss.ldam.scale", Double.MIN_NORMAL, 1000),
                s.doubleValue("loss.norm-softmax.sigma", 1e-4, 10),
                s.doubleValue("loss.softtriple.lambda", Double.MIN_NORMAL, 1000),
                s.doubleValue("loss.softtriple.gamma", 1e-4, 10),
                s.doubleValue("loss.softtriple.tau", 0, 100),
                s.doubleValue("loss.softtriple.delta", 0, 1),
                s.intValue("loss.softtriple.centres", 1, 100));
        return new Loss(
                s.choice("loss.type", LossType.values(), LossType::configName),
                parameters,
                s.choice("loss.weighting", LossWeighting.values(), LossWeighting::configName),
                s.doubleValue("loss.class-balanced.beta", 0, 0.999999999));
    }

    private static Evaluation evaluation(Settings s) {
        Path images = optionalPath(s, "evaluation.test-images");
        Path labels = optionalPath(s, "evaluation.test-labels");
        Path csv = optionalPath(s, "evaluation.test-csv");
        if ((images == null) != (labels == null)) {
            String key = images == null ? "evaluation.test-images" : "evaluation.test-labels";
            throw new ConfigException(key, null, "IDX test images and labels go together: set both or neither");
        }
        if (images != null && csv != null) {
            throw new ConfigException(
                    "evaluation.test-csv", csv.toString(), "set either IDX test files or a CSV test file, not both");
        }
        int everySteps = s.intValue("evaluation.every-steps", 0, Integer.MAX_VALUE);
        if (everySteps > 0 && images == null && csv == null) {
            throw new ConfigException(
                    "evaluation.every-steps",
                    Integer.toString(everySteps),
                    "held-out evaluation needs evaluation.test-images and evaluation.test-labels, or evaluation.test-csv");
        }
        return new Evaluation(
                images, labels, csv, everySteps, s.intValue("evaluation.prequential-window", 1, 1_000_000));
    }

    private static Path optionalPath(Settings s, String key) {
        String v = s.asMap().get(key);
        return v == null || v.isBlank() ? null : Path.of(v.trim());
    }

    private static List<Integer> positiveInts(Settings s, String key, int minCount, int maxCount) {
        String text = s.string(key);
        List<Integer> out = new ArrayList<>();
        try {
            for (String part : text.split(",")) {
                int v = Integer.parseInt(part.trim());
                if (v < 1 || v > 65_536) {
                    throw new NumberFormatException();
                }
                out.add(v);
            }
        } catch (NumberFormatException e) {
            out.clear();
        }
        if (out.size() < minCount || out.size() > maxCount) {
            throw new ConfigException(
                    key,
                    text,
                    "expected " + (minCount == maxCount ? minCount : minCount + " to " + maxCount)
                            + " comma-separated widths between 1 and 65536");
        }
        return out;
    }

    /** A path with a leading {@code ~/} taken from the user's home directory, as a shell would. */
    static Path homeExpanded(String path) {
        return path.equals("~") || path.startsWith("~/")
                ? Path.of(System.getProperty("user.home"), path.substring(1).replaceFirst("^/", ""))
                : Path.of(path);
    }
}
