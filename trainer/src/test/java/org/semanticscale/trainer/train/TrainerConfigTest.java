package org.semanticscale.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.config.ConfigException;
import org.semanticscale.topic.TopicSettings;
import org.semanticscale.trainer.loss.LossType;
import org.semanticscale.trainer.model.HeadType;
import org.semanticscale.trainer.model.ModelType;
import org.semanticscale.trainer.sample.InputShape;
import org.semanticscale.trainer.weights.LossWeighting;

class TrainerConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreTheMlpOnFashionMnistWithDsbCrossEntropy() {
        TrainerConfig c = TrainerConfig.of(Map.of());
        assertEquals("localhost:9092", c.kafka().bootstrapServers());
        assertEquals("ssi.samples", c.topics().samples());
        assertEquals(ModelType.MLP, c.model().type());
        assertEquals(new InputShape(28, 28), c.model().inputShape());
        assertEquals(List.of(256, 64), c.model().hidden());
        assertEquals(64, c.model().featureDim());
        assertEquals(10, c.classes().size());
        assertEquals(LossType.CE, c.loss().type());
        assertEquals(LossWeighting.DSB, c.loss().weighting());
        assertEquals(0.05, c.loss().parameters().normSoftmaxSigma());
        assertEquals(10, c.loss().parameters().softTripleCentres());
        assertEquals(64, c.batchSize());
        assertEquals(DeviceChoice.AUTO, c.device());
        assertEquals("127.0.0.1", c.metrics().host());
        assertFalse(c.evaluation().enabled());
        assertNull(c.evaluation().testImages());
    }

    @Test
    void theShippedConfigFileHoldsTheDefaults() throws Exception {
        // config/trainer.properties documents every key; its values must be the built-in defaults.
        Path shipped = Path.of("..", "config", "trainer.properties");
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(shipped)) {
            p.load(r);
        }
        assertEquals(TrainerConfig.DEFAULTS.keySet(), p.stringPropertyNames(), "every key, and no other");
        for (String key : p.stringPropertyNames()) {
            assertEquals(TrainerConfig.DEFAULTS.get(key), p.getProperty(key).trim(), key);
        }
    }

    @Test
    void fileThenEnvironmentThenCommandLine() throws Exception {
        Path file = dir.resolve("trainer.properties");
        Files.writeString(file, "batch.size=32\nloss.type=focal\nmodel.hidden=128,32\nfeatures.dimension=32\n");
        TrainerConfig c = TrainerConfig.load(
                file,
                Map.of("SSI_LOSS_TYPE", "ldam", "KAFKA_BOOTSTRAP_SERVERS", "h:1"),
                Map.of("batch.size", "16", "kafka.bootstrap.servers", "cli:2"));
        assertEquals(16, c.batchSize(), "command line over file");
        assertEquals(LossType.LDAM, c.loss().type(), "environment over file");
        assertEquals(HeadType.COSINE, c.loss().type().head());
        assertEquals("cli:2", c.kafka().bootstrapServers());
        assertEquals("cli:2", c.kafka().clientProperties().getProperty("bootstrap.servers"));
        assertEquals(Duration.ofSeconds(1), c.batchMaxWait(), "default when nothing else");
    }

    @Test
    void errorsNameTheKeyAndTheValue() {
        assertBad("loss.type", "cross", "[ce, focal, ldam, balanced-softmax, norm-softmax, softtriple]");
        assertBad("loss.weighting", "cb", "[none, dsb, dsb-input, class-balanced]");
        assertBad("batch.size", "0", "[1, 4096]");
        assertBad("model.input-shape", "28,x", "28,28");
        assertBad("trainer.device", "tpu", "[auto, cpu, gpu]");
        assertBad("model.hidden", "256,-1", "widths");
        assertBad("classes", "a,b,a", "listed twice");
        assertBad("classes", "only", "2 to");
        assertBad("learning.rate", "fast", "number");
        ConfigException e = assertThrows(ConfigException.class, () -> TrainerConfig.of(Map.of("batch.sise", "3")));
        assertEquals("batch.sise", e.key(), "a typo is refused, not ignored");
    }

    @Test
    void classesComeFromAFileOfOneLabelPerLine() throws Exception {
        Path file = dir.resolve("classes.txt");
        Files.writeString(file, "# iNaturalist-style labels\n\nPlantae, Asteraceae\n  b  \n# c is left out\nd\n");
        TrainerConfig c = TrainerConfig.of(Map.of("classes.file", file.toString()));
        assertEquals(List.of("Plantae, Asteraceae", "b", "d"), c.classes().labels(), "trimmed; blanks and # skipped");
        assertEquals(2, c.classes().indexOf("d"));
    }

    @Test
    void aBadClassFileIsRefusedNamingTheLine() throws Exception {
        Path duplicate = dir.resolve("duplicate.txt");
        Files.writeString(duplicate, "a\nb\n\n# comment\na\n");
        assertBad(
                Map.of("classes.file", duplicate.toString()),
                "classes.file",
                "line 5: class label 'a' is listed twice (first on line 1)");
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "# nothing\n\n");
        assertBad(Map.of("classes.file", empty.toString()), "classes.file", "holds no class label (2 lines");
        Path one = dir.resolve("one.txt");
        Files.writeString(one, "a\n");
        assertBad(Map.of("classes.file", one.toString()), "classes.file", "expected 2 to 10000 classes, got 1");
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'a', '\n', 'b', '\n', (byte) 0xE9, '\n'});
        assertBad(Map.of("classes.file", latin1.toString()), "classes.file", "line 3 is not UTF-8");
        assertBad(Map.of("classes.file", dir.resolve("missing.txt").toString()), "classes.file", "no such file");
        assertBad(Map.of("classes.file", dir.toString()), "classes.file", "cannot read it");
    }

    @Test
    void classesAndAClassFileAreNotSetTogether() throws Exception {
        Path file = dir.resolve("classes.txt");
        Files.writeString(file, "a\nb\n");
        assertBad(
                Map.of("classes.file", file.toString(), "classes", "a,b"),
                "classes.file",
                "set either classes or classes.file, not both");
        assertEquals(
                List.of("a", "b"),
                TrainerConfig.of(Map.of("classes.file", file.toString(), "classes", "0,1,2,3,4,5,6,7,8,9"))
                        .classes()
                        .labels(),
                "classes at its default (as the shipped file has it) gives way to the file");
    }

    @Test
    void theEmbeddingMustPoolEvenlyToTheFeatures() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> TrainerConfig.of(Map.of("model.hidden", "256,48", "features.dimension", "64")));
        assertEquals("features.dimension", e.key());
        assertTrue(e.getMessage().contains("multiple"), e.getMessage());
        assertEquals(
                48,
                TrainerConfig.of(Map.of("model.hidden", "256,96", "features.dimension", "48"))
                        .model()
                        .featureDim());
    }

    @Test
    void theOldNameOfARenamedKeyStillSetsIt() throws Exception {
        TrainerConfig c =
                TrainerConfig.load(null, Map.of("SSI_FEATURES_DIM", "32"), Map.of("metrics.max-classes", "5"));
        assertEquals(32, c.model().featureDim());
        assertEquals(5, c.metrics().maxClassTags());
        assertFalse(c.redactedSettings().containsKey("features.dim"), "the app sees the new name only");
    }

    @Test
    void theCnnNeedsAnImageShape() {
        assertBad(Map.of("model.type", "cnn", "model.input-shape", "784"), "model.input-shape", "H,W");
        assertEquals(
                ModelType.CNN,
                TrainerConfig.of(Map.of("model.type", "cnn", "model.input-shape", "3,32,32"))
                        .model()
                        .type());
    }

    @Test
    void evaluationNeedsItsFiles() {
        assertBad(Map.of("evaluation.test-images", "a.gz"), "evaluation.test-labels", "together");
        assertBad(Map.of("evaluation.every-steps", "100"), "evaluation.every-steps", "test-images");
        TrainerConfig c = TrainerConfig.of(Map.of("evaluation.test-csv", "t.csv", "evaluation.every-steps", "100"));
        assertTrue(c.evaluation().enabled());
        assertEquals(Path.of("t.csv"), c.evaluation().testCsv());
    }

    @Test
    void secretsAreNotInTheLoggableSettings() {
        TrainerConfig c = TrainerConfig.of(Map.of("kafka.sasl.jaas.config", "user password=\"hunter2\";"));
        assertEquals("[hidden]", c.redactedSettings().get("kafka.sasl.jaas.config"));
        assertTrue(
                c.kafka().clientProperties().getProperty("sasl.jaas.config").contains("hunter2"),
                "the client still gets it");
    }

    private static void assertBad(String key, String value, String expected) {
        assertBad(Map.of(key, value), key, expected);
    }

    private static void assertBad(Map<String, String> settings, String key, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> TrainerConfig.of(settings), settings.toString());
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void checkpointsLiveOutsideTheWorkingDirectoryAndAForeignOneIsRefusedByDefault() {
        TrainerConfig c = TrainerConfig.of(Map.of());
        assertEquals(
                Path.of(System.getProperty("user.home"), ".local/state/ssi/trainer/checkpoints"),
                c.checkpoint().dir());
        assertFalse(c.checkpoint().startFreshOnMismatch());
        assertTrue(TrainerConfig.of(Map.of("checkpoint.on-mismatch", "start-fresh"))
                .checkpoint()
                .startFreshOnMismatch());
        assertEquals(Path.of("relative/dir"), TrainerConfig.homeExpanded("relative/dir"));
        assertEquals(Path.of("/abs/~/x"), TrainerConfig.homeExpanded("/abs/~/x"));
    }

    @Test
    void topicsTakeTheSettingsEveryAppShares() {
        // The same defaults as the streams-app's, so the topics come out the same whichever app starts first.
        assertEquals(
                new TopicSettings(6, OptionalInt.empty(), OptionalInt.empty()),
                TrainerConfig.of(Map.of()).topics().layout());
        assertEquals(
                new TopicSettings(2, OptionalInt.of(3), OptionalInt.of(2)),
                TrainerConfig.of(Map.of(
                                "topics.partitions", "2",
                                "topics.replication-factor", "3",
                                "topics.min-insync-replicas", "2"))
                        .topics()
                        .layout());
        assertBad("topics.replication-factor", "many", "expected auto");
    }
}
