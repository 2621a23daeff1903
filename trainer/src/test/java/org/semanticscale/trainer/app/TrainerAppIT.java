package org.semanticscale.trainer.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.deadletter.DeadLetterHeaders;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.record.LabelledTensor;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.record.ScaleRecords;
import org.semanticscale.testkit.Await;
import org.semanticscale.testkit.KafkaIo;
import org.semanticscale.testkit.Scrape;
import org.semanticscale.topic.TopicSpec;
import org.semanticscale.topic.Topics;
import org.semanticscale.trainer.checkpoint.ForeignCheckpointException;
import org.semanticscale.trainer.checkpoint.TrainedLedger;
import org.semanticscale.trainer.evaluation.HeldOutAccuracy;
import org.semanticscale.trainer.evaluation.HeldOutSet;
import org.semanticscale.trainer.sample.ClassIndex;
import org.semanticscale.trainer.sample.InputShape;
import org.semanticscale.trainer.train.StepReport;
import org.semanticscale.trainer.train.TrainerConfig;
import org.semanticscale.trainer.train.TrainerStatus;
import org.semanticscale.trainer.train.TrainingLoop;

/**
 * The trainer against a real Kafka broker in this JVM: samples in, features out; weights from the
 * scales topic; exactly-once training across a crash and restarts; dead letters. Each test uses its
 * own topics, so they share one broker.
 */
class TrainerAppIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int DIMENSION = 8;
    private static EmbeddedKafkaBroker broker;
    private static KafkaIo kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        kafka = KafkaIo.of(broker.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** A small model on 8-dimensional samples; topics named after the test. */
    private Map<String, String> settings(String test, String classes) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("kafka.bootstrap.servers", broker.bootstrapServers());
        s.put("topics.samples", test + ".samples");
        s.put("topics.features", test + ".features");
        s.put("topics.scales", test + ".scales");
        s.put("topics.input-scales", test + ".input-scales");
        s.put("topics.dead-letters", test + ".dead-letters");
        // The tests write samples before the trainer starts, to a topic the broker creates with one partition.
        s.put("topics.partitions", "1");
        s.put("trainer.group-id", test + "-trainer");
        s.put("model.input-shape", Integer.toString(DIMENSION));
        s.put("model.hidden", "16,8");
        s.put("features.dimension", "4");
        s.put("classes", classes);
        s.put("batch.size", "16");
        s.put("batch.max-wait", "200ms");
        s.put("learning.rate", "0.01");
        s.put("checkpoint.dir", dir.resolve("checkpoints").toString());
        s.put("metrics.port", "0");
        s.put("seed", "1");
        return s;
    }

    private static TrainerConfig config(Map<String, String> settings, Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putAll(more);
        return TrainerConfig.of(all);
    }

    /** Class c of "a,b,c,...": a blob centred at 2 on axis c. */
    private static LabelledTensor sample(String label, int classIndex, String id, Random random) {
        float[] x = new float[DIMENSION];
        for (int k = 0; k < DIMENSION; k++) {
            x[k] = (float) (random.nextGaussian() * 0.5 + (k == classIndex ? 2 : 0));
        }
        return new LabelledTensor(label, new int[] {DIMENSION}, x, id);
    }

    private static List<String> produceSamples(String topic, List<String> classes, int n, String idPrefix, long seed)
            throws Exception {
        return produceSamples(kafka, topic, classes, n, idPrefix, seed);
    }

    private static List<String> produceSamples(
            KafkaIo to, String topic, List<String> classes, int n, String idPrefix, long seed) throws Exception {
        List<ProducerRecord<byte[], byte[]>> records = sampleRecords(topic, classes, n, idPrefix, seed);
        to.sendAll(records);
        return records.stream()
                .map(r -> new String(r.key(), StandardCharsets.UTF_8))
                .toList();
    }

    /** n samples of the classes in turn (class c of the list a blob on axis c), keyed by their ids. */
    private static List<ProducerRecord<byte[], byte[]>> sampleRecords(
            String topic, List<String> classes, int n, String idPrefix, long seed) {
        Random random = new Random(seed);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = i % classes.size();
            String id = idPrefix + i;
            records.add(new ProducerRecord<>(
                    topic, bytes(id), BinaryRecords.encode(sample(classes.get(c), c, id, random))));
        }
        return records;
    }

    private static long committedOffset(String group, String topic) throws Exception {
        return kafka.committed(group, topic).getOrDefault(0, -1L);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void publishesThePooledFeaturesOfEverySampleItTrains() throws Exception {
        Map<String, String> s = settings("features", "a,b,c");
        // A held-out CSV of one sample per class, evaluated every 3 steps.
        Path testCsv = dir.resolve("test.csv");
        java.nio.file.Files.writeString(testCsv, "a,2,0,0,0,0,0,0,0\nb,0,2,0,0,0,0,0,0\nc,0,0,2,0,0,0,0,0\n");
        s.put("evaluation.test-csv", testCsv.toString());
        s.put("evaluation.every-steps", "3");
        // 1. 96 samples in: six full batches of 16.
        List<String> ids = produceSamples("features.samples", List.of("a", "b", "c"), 96, "f-", 1);
        try (TrainerApp app = TrainerApp.start(config(s, Map.of()))) {
            Await.until("96 samples trained", TIMEOUT, () -> app.status().samplesTrained() == 96);

            // 2. One feature vector per sample: key = label, dimension = features.dimension, the sample's id.
            List<ConsumerRecord<byte[], byte[]>> features = kafka.awaitRecords("features.features", 96, TIMEOUT);
            assertEquals(96, features.size());
            Set<String> seen = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> r : features) {
                FeatureVector v = BinaryRecords.decodeFeature(r.value());
                assertEquals(text(r.key()), v.label());
                assertEquals(4, v.dimension());
                assertTrue(
                        v.modelVersion() >= 0 && v.modelVersion() < 6,
                        "model version = steps before the one that trained it");
                int index = Integer.parseInt(v.sampleId().substring(2));
                assertEquals(List.of("a", "b", "c").get(index % 3), v.label(), "the label of the sample it came from");
                seen.add(v.sampleId());
            }
            assertEquals(new HashSet<>(ids), seen);

            // 3. The status and /metrics say the same.
            TrainerStatus status = app.status();
            assertEquals(6, status.step());
            assertEquals(96, status.featuresPublished());
            assertEquals(Map.of("a", 32L, "b", 32L, "c", 32L), status.classCounts());
            assertFalse(Double.isNaN(status.prequentialAccuracy().get("a")));
            String metrics = Scrape.of(app.metricsPort()).text();
            assertTrue(metrics.contains("ssi_trainer_samples_total 96.0"), metrics);
            assertTrue(metrics.contains("ssi_trainer_stage{stage=\"fill\"} 1.0"), metrics);
            assertTrue(metrics.contains("ssi_trainer_prequential_accuracy{class=\"a\"}"), metrics);
            // The held-out evaluation runs at steps 3 and 6, on the three test samples.
            Await.until(
                    "the evaluation at step 6",
                    TIMEOUT,
                    () -> app.status().lastEvaluation() != null
                            && app.status().lastEvaluation().step() == 6);
            assertEquals(3, app.status().lastEvaluation().perClass().length);
            // The meters read a status snapshot that may be older than the evaluation: await it on /metrics.
            Await.until(
                    "the overall test accuracy on /metrics",
                    TIMEOUT,
                    () -> !Double.isNaN(
                            Scrape.of(app.metricsPort()).value("ssi_trainer_test_accuracy{group=\"overall\"}")));
        }
    }

    @Test
    void waitsForASampleCountThenEvaluatesAndEmbedsWithTheFinalModel() throws Exception {
        Map<String, String> s = settings("final-model", "a,b,c");
        s.put("checkpoint.on-stop", "false");
        produceSamples("final-model.samples", List.of("a", "b", "c"), 480, "m-", 3);
        LabelledVectors test = new LabelledVectors(
                new String[] {"a", "b", "c", "a"},
                new float[] {
                    2, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2.5f, 0, 0, 0, 0, 0, 0, 0
                },
                new int[] {DIMENSION});
        try (TrainerApp app = TrainerApp.start(config(s, Map.of()))) {
            // 1. Not before the model has trained: one thread uses it at a time.
            assertThrows(IllegalStateException.class, () -> app.features(test.row(0), 1));
            assertTrue(app.awaitSamplesTrained(480, TIMEOUT), "480 samples trained");
            assertFalse(app.awaitSamplesTrained(481, Duration.ofMillis(100)), "no 481st sample comes");

            // 2. Stopped, the model stays open: it scores the blobs and embeds rows in features.dimension.
            assertTrue(app.stopTraining(TIMEOUT));
            assertEquals(TrainingLoop.State.STOPPED, app.status().state());
            HeldOutAccuracy accuracy = app.evaluate(HeldOutSet.of(
                    test, new InputShape(DIMENSION), new ClassIndex(List.of("a", "b", "c")), Path.of("test")));
            assertEquals(1.0, accuracy.overall(), "blobs 4 standard deviations apart, after 30 steps");
            assertEquals(3, accuracy.perClass().length);
            float[] rows = new float[2 * DIMENSION];
            test.copyRow(0, rows, 0);
            test.copyRow(1, rows, DIMENSION);
            float[] features = app.features(rows, 2);
            assertEquals(2 * 4, features.length);
            assertFalse(
                    java.util.Arrays.equals(
                            java.util.Arrays.copyOf(features, 4), java.util.Arrays.copyOfRange(features, 4, 8)),
                    "two classes, two embeddings");
            assertFalse(app.awaitSamplesTrained(481, TIMEOUT), "returns at once once training has stopped");
            app.close();
            assertThrows(IllegalStateException.class, () -> app.features(rows, 2));
        }
    }

    @Test
    void weightsFromTheScalesTopicChangeTheLossAsExpected() throws Exception {
        // BALANCE from the first sample; classes a..d.
        Map<String, String> s = settings("weights", "a,b,c,d");
        s.put("stage.fill-samples", "0");
        s.put("stage.refresh-samples", "0");
        // 1. The streams-app's scales for a, b, c (sum-to-one weights 0.2, 0.3, 0.5); d has none yet. Both scales
        //    topics are compacted, as the streams-app creates them.
        createCompacted("weights.scales", "weights.input-scales");
        for (ScaleRecord r : List.of(scale("a", 0.2), scale("b", 0.3), scale("c", 0.5))) {
            kafka.send("weights.scales", bytes(r.label()), bytes(ScaleRecords.toJson(r)));
        }
        // 2. The same first batch, 16 samples of class c, for a plain and a DSB trainer with the same seed.
        Random random = new Random(3);
        List<LabelledTensor> batch = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            batch.add(sample("c", 2, "w-" + i, random));
        }
        float plainLoss = firstLoss(
                config(
                        s,
                        Map.of(
                                "loss.weighting",
                                "none",
                                "topics.samples",
                                "weights.plain",
                                "checkpoint.dir",
                                dir.resolve("plain").toString())),
                "weights.plain",
                batch);
        List<StepReport> steps = new CopyOnWriteArrayList<>();
        TrainerConfig dsb = config(s, Map.of("loss.weighting", "dsb"));
        try (TrainerApp app = TrainerApp.start(dsb, steps::add)) {
            assertEquals(
                    3, app.status().scaleClasses(), "the scales already on the topic are read before training starts");
            produceAll("weights.samples", batch);
            Await.until("the first step", TIMEOUT, () -> !steps.isEmpty());
            assertEquals(16, steps.get(0).batch().size());

            // 3. Weights renormalised to average 1 over a, b, c: 0.6, 0.9, 1.5; d gets their mean, 1.
            //    The batch is all c, so the DSB loss is exactly 1.5 times the plain loss of the same model.
            assertArrayEquals(new double[] {0.6, 0.9, 1.5, 1.0}, steps.get(0).weights(), 1e-9);
            assertEquals(1.5 * plainLoss, steps.get(0).loss(), 1e-5 * plainLoss);
            assertEquals(
                    Map.of("a", 0.6, "b", 0.9, "c", 1.5, "d", 1.0),
                    rounded(app.status().classWeights()));
            assertTrue(app.status().weighted());

            // 4. A newer scale of c (weight 0.25) is used from a later step on: 0.2, 0.3, 0.25 -> 0.8, 1.2, 1.0.
            ScaleRecord newer = scale("c", 0.25);
            kafka.send("weights.scales", bytes("c"), bytes(ScaleRecords.toJson(newer)));
            int sent = 0;
            while (!java.util.Arrays.equals(
                    rounded(steps.get(steps.size() - 1).weights()), new double[] {0.8, 1.2, 1.0, 1.0})) {
                assertTrue(sent < 50, "the newer scale was not used within 50 steps");
                int before = steps.size();
                kafka.send(
                        "weights.samples", bytes("x" + sent), BinaryRecords.encode(sample("a", 0, "x" + sent, random)));
                sent++;
                Await.until("a step", TIMEOUT, () -> steps.size() > before);
            }
        }

        // 5. dsb-input weighs with the input view's topic instead, where the streams-app's weights are
        //    0.5, 0.25, 0.25 for a, b, c: renormalised 1.5, 0.75, 0.75, d 1. The same all-c first batch on a
        //    fresh model gives 0.75 times the plain loss; the model view's scales are not used.
        for (ScaleRecord r : List.of(scale("a", 0.5), scale("b", 0.25), scale("c", 0.25))) {
            kafka.send("weights.input-scales", bytes(r.label()), bytes(ScaleRecords.toJson(r)));
        }
        List<StepReport> inputSteps = new CopyOnWriteArrayList<>();
        TrainerConfig dsbInput = config(
                s,
                Map.of(
                        "loss.weighting",
                        "dsb-input",
                        "topics.samples",
                        "weights.input-samples",
                        "checkpoint.dir",
                        dir.resolve("input").toString()));
        try (TrainerApp app = TrainerApp.start(dsbInput, inputSteps::add)) {
            assertEquals(3, app.status().scaleClasses(), "the input scales are read before training starts");
            produceAll("weights.input-samples", batch);
            Await.until("the first dsb-input step", TIMEOUT, () -> !inputSteps.isEmpty());
            assertArrayEquals(
                    new double[] {1.5, 0.75, 0.75, 1.0}, inputSteps.get(0).weights(), 1e-9);
            assertEquals(0.75 * plainLoss, inputSteps.get(0).loss(), 1e-5 * plainLoss);
            assertTrue(app.healthy());
        }
    }

    @Test
    void aTrainerOf8142ClassesFromAFileAppliesTheWeightOfEveryClass() throws Exception {
        // 1. iNaturalist 2018's number of classes, from a file; a small MLP whose output layer has 8,142 units.
        int classes = 8142;
        List<String> labels =
                IntStream.range(0, classes).mapToObj(i -> "taxon-" + i).toList();
        Path file = dir.resolve("classes.txt");
        Files.writeString(file, "# one label per line, in model order\n" + String.join("\n", labels) + "\n");
        Map<String, String> s = settings("many", "unused");
        s.remove("classes");
        s.put("classes.file", file.toString());
        s.put("stage.fill-samples", "0");
        s.put("stage.refresh-samples", "0");
        List<String> trained = labels.subList(0, DIMENSION);
        List<TimedStep> steps = new CopyOnWriteArrayList<>();
        double manyClassesStep;
        try (TrainerApp app =
                TrainerApp.start(config(s, Map.of()), r -> steps.add(new TimedStep(r, System.nanoTime())))) {
            // 2. A few hundred samples of 8 classes before any scale: plain loss.
            produceSamples("many.samples", trained, 208, "m-", 5);
            Await.until("208 samples trained", TIMEOUT, () -> app.status().samplesTrained() == 208);
            assertTrue(steps.stream().allMatch(t -> t.report().weights() == null), "no scales yet: the plain loss");

            // 3. A scale of every class, long-tailed weights (i+1)^0.7; every 97th class has no scale yet (too few
            //    samples in its window). Expected: renormalised to average 1 over the classes with a scale; 1 for the
            //    others.
            double[] published = new double[classes];
            double sum = 0;
            int known = 0;
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < classes; i++) {
                boolean hasScale = i % 97 != 0;
                published[i] = hasScale ? Math.pow(i + 1, 0.7) : Double.NaN;
                ScaleRecord r = hasScale ? scale(labels.get(i), published[i]) : withoutScale(labels.get(i));
                records.add(new ProducerRecord<>("many.scales", bytes(r.label()), bytes(ScaleRecords.toJson(r))));
                if (hasScale) {
                    sum += published[i];
                    known++;
                }
            }
            double[] expected = new double[classes];
            for (int i = 0; i < classes; i++) {
                expected[i] = Double.isNaN(published[i]) ? 1.0 : published[i] * known / sum;
            }
            // 4. Samples arrive steadily (800 a second: a step of 16 every 20 ms) while the scales are produced:
            //    the time from the last scale acknowledged to the first step applying the whole vector.
            int before = steps.size();
            List<ProducerRecord<byte[], byte[]>> stream = sampleRecords("many.samples", trained, 3200, "s-", 6);
            Thread sender =
                    new Thread(() -> kafka.sendAtRate(stream, 800, new AtomicLong(), new AtomicLong()), "samples");
            sender.start();
            try {
                Await.until("steps on the stream", TIMEOUT, () -> steps.size() >= before + 5);
                kafka.sendAll(records);
                long lastScaleProduced = System.nanoTime();
                int knownClasses = known;
                double read = Await.until(
                        "the scales reader holding every scale",
                        TIMEOUT,
                        () -> app.status().scaleClasses() == knownClasses);
                Await.until(
                        "a step applying the whole weight vector",
                        TIMEOUT,
                        () -> firstApplying(steps, expected) != null);
                TimedStep applied = firstApplying(steps, expected);
                assertArrayEquals(
                        expected, applied.report().weights(), 1e-9, "every class, those without a scale at 1");
                Map<String, Double> status = app.status().classWeights();
                for (int i = 0; i < classes; i++) {
                    assertEquals(expected[i], status.get(labels.get(i)), 1e-9, labels.get(i));
                }
                assertEquals(known, app.status().scaleClasses());
                assertEquals(
                        100,
                        Scrape.of(app.metricsPort()).series("ssi_trainer_class_weight"),
                        "per-class meters stop at metrics.max-class-tags");

                System.out.printf(
                        "8,142 classes: the full weight vector applied %.0f ms after the last of %d scale records was "
                                + "acknowledged (samples at 800/s, a step every 20 ms; the reader held them all after "
                                + "%.0f ms, looked at every 100 ms)%n",
                        (applied.at() - lastScaleProduced) / 1e6, classes, read * 1000);
            } finally {
                sender.join(); // 4 s of samples
            }
            // 5. The step time of a burst of weighted steps, with nothing else running.
            int burstFrom = steps.size();
            produceSamples("many.samples", trained, 352, "b-", 7);
            Await.until("22 weighted steps", TIMEOUT, () -> steps.size() >= burstFrom + 22);
            assertArrayEquals(expected, steps.get(burstFrom + 21).report().weights(), 1e-9);
            manyClassesStep = medianMillis(steps.subList(burstFrom + 2, burstFrom + 22));
        }

        // 6. The same trainer with 10 classes, weighted from its first step, for the step time.
        Map<String, String> few = settings("few", String.join(",", labels.subList(0, 10)));
        few.put("stage.fill-samples", "0");
        few.put("stage.refresh-samples", "0");
        createCompacted("few.scales");
        for (int i = 0; i < 10; i++) {
            kafka.send("few.scales", bytes(labels.get(i)), bytes(ScaleRecords.toJson(scale(labels.get(i), i + 1))));
        }
        few.put("checkpoint.dir", dir.resolve("few").toString());
        List<TimedStep> fewSteps = new CopyOnWriteArrayList<>();
        try (TrainerApp app =
                TrainerApp.start(config(few, Map.of()), r -> fewSteps.add(new TimedStep(r, System.nanoTime())))) {
            produceSamples("few.samples", trained, 352, "f-", 7);
            Await.until("22 steps", TIMEOUT, () -> fewSteps.size() >= 22);
            assertNotNull(fewSteps.get(2).report().weights());
            System.out.printf(
                    "median weighted step over 20 steps of a burst of samples (the same hidden layers, batch and "
                            + "samples): %.2f ms with 8,142 classes, %.2f ms with 10%n",
                    manyClassesStep, medianMillis(fewSteps.subList(2, 22)));
        }
    }

    /** A step as the listener saw it, and when. */
    private record TimedStep(StepReport report, long at) {}

    /** The first step that applied exactly these weights, or null. */
    private static TimedStep firstApplying(List<TimedStep> steps, double[] expected) {
        for (TimedStep t : steps) {
            double[] w = t.report().weights();
            if (w != null && IntStream.range(0, expected.length).allMatch(i -> Math.abs(w[i] - expected[i]) <= 1e-9)) {
                return t;
            }
        }
        return null;
    }

    private static double medianMillis(List<TimedStep> steps) {
        double[] ms = steps.stream()
                .mapToDouble(t -> t.report().nanos() / 1e6)
                .sorted()
                .toArray();
        return ms[ms.length / 2];
    }

    /** The record of a class whose window holds too few samples for a scale yet. */
    private static ScaleRecord withoutScale(String label) {
        return new ScaleRecord(
                label,
                3,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                false,
                false,
                3,
                0,
                1,
                Double.NaN,
                false,
                Double.NaN);
    }

    private float firstLoss(TrainerConfig config, String topic, List<LabelledTensor> batch) throws Exception {
        List<StepReport> steps = new CopyOnWriteArrayList<>();
        try (TrainerApp app = TrainerApp.start(config, steps::add)) {
            assertTrue(app.healthy());
            produceAll(topic, batch);
            Await.until("the first plain step", TIMEOUT, () -> !steps.isEmpty());
            assertEquals(16, steps.get(0).batch().size());
            assertNull(steps.get(0).weights(), "weighting none: the plain loss");
            return steps.get(0).loss();
        }
    }

    /** Sends in one go, so that the trainer finds the whole batch at once. */
    private static void produceAll(String topic, List<LabelledTensor> samples) throws Exception {
        kafka.sendAll(samples.stream()
                .map(t -> new ProducerRecord<>(topic, bytes(t.sampleId()), BinaryRecords.encode(t)))
                .toList());
    }

    private static ScaleRecord scale(String label, double weight) {
        return new ScaleRecord(
                label,
                100,
                3.0,
                0.5,
                1.2,
                0.1 / weight,
                weight,
                1.0,
                false,
                false,
                5,
                0,
                1,
                Double.NaN,
                false,
                Double.NaN);
    }

    private static double[] rounded(double[] w) {
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = Math.round(w[i] * 1e6) / 1e6;
        }
        return out;
    }

    private static Map<String, Double> rounded(Map<String, Double> w) {
        Map<String, Double> out = new HashMap<>();
        w.forEach((k, v) -> out.put(k, Math.round(v * 1e6) / 1e6));
        return out;
    }

    @Test
    void aTrainerStoppedAfterACheckpointAndRestartedTrainsEverySampleExactlyOnce() throws Exception {
        Map<String, String> s = settings("once", "a,b,c");
        s.put("checkpoint.every-steps", "4");
        List<String> ids = produceSamples("once.samples", List.of("a", "b", "c"), 1000, "o-", 2);

        // 1. A first run that dies like a killed process: 10 steps of 16, checkpoints at steps 4 and 8,
        //    no checkpoint on the way out. Steps 9 and 10 are trained but lost with the process.
        Map<Long, List<String>> trainedByStep = new HashMap<>();
        try (TrainerApp first = TrainerApp.start(
                config(s, Map.of("trainer.max-steps", "10", "checkpoint.on-stop", "false")),
                r -> trainedByStep.put(
                        r.step(), r.batch().stream().map(x -> x.id()).toList()))) {
            assertTrue(first.awaitTermination(TIMEOUT));
            assertEquals(10, first.status().step());
            assertEquals(8, first.status().lastCheckpointStep());
        }
        // Offsets are committed only with a checkpoint: 8 steps x 16 = 128, not the 160 trained.
        assertEquals(128, committedOffset("once-trainer", "once.samples"));

        // 2. A second run resumes from step 8 and trains the rest; it stops with a checkpoint.
        List<StepReport> second = new CopyOnWriteArrayList<>();
        TrainerApp app = TrainerApp.start(config(s, Map.of()), second::add);
        try {
            Await.until("all 1000 samples trained", TIMEOUT, () -> app.status().samplesTrained() == 1000);
        } finally {
            app.close();
        }
        TrainerStatus afterSecond = app.status();
        assertEquals(9, second.get(0).step(), "the second run starts after the checkpoint");
        assertEquals(1000, committedOffset("once-trainer", "once.samples"));

        // 3. Count by sample id: what the model learnt is steps 1-8 of the first run and all of the second.
        Map<String, Integer> times = new HashMap<>();
        trainedByStep.forEach((step, batch) -> {
            if (step <= 8) {
                batch.forEach(id -> times.merge(id, 1, Integer::sum));
            }
        });
        second.forEach(r -> r.batch().forEach(x -> times.merge(x.id(), 1, Integer::sum)));
        assertEquals(new HashSet<>(ids), times.keySet(), "every sample trained");
        assertTrue(times.values().stream().allMatch(n -> n == 1), "no sample trained twice");
        // The model's own ledger, carried through the checkpoints, says the same.
        assertEquals(TrainedLedger.of(ids), afterSecond.ledger());

        // 4. A third start on the same checkpoints has nothing left to train.
        try (TrainerApp third = TrainerApp.start(config(s, Map.of()))) {
            assertEquals(1000, third.status().samplesTrained());
            // One new sample: once it is trained, the trainer has read past the old ones, and trained none again.
            kafka.send("once.samples", bytes("o-new"), BinaryRecords.encode(sample("a", 0, "o-new", new Random(9))));
            Await.until("the new sample trained", TIMEOUT, () -> third.status().samplesTrained() == 1001);
            assertEquals(1, third.status().stepsThisRun(), "one step, of the new sample alone");
            List<String> all = new ArrayList<>(ids);
            all.add("o-new");
            assertEquals(TrainedLedger.of(all), third.status().ledger());
        }
    }

    @Test
    void badSamplesLandInTheDeadLettersWithTheirReasonAndTrainingGoesOn() throws Exception {
        Map<String, String> s = settings("bad", "a,b");
        Random random = new Random(4);
        byte[] valid = BinaryRecords.encode(sample("a", 0, "ok-0", random));
        byte[] nan = valid.clone();
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(nan.length - 4, Float.NaN);
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("unreadable", bytes("not a sample"));
        bad.put("truncated", java.util.Arrays.copyOf(valid, 20));
        bad.put("non-finite", nan);
        bad.put(
                "wrong-shape",
                BinaryRecords.encode(new LabelledTensor("a", new int[] {3}, new float[] {1, 2, 3}, "bad-shape")));
        bad.put("unknown-label", BinaryRecords.encode(sample("zebra", 1, "bad-label", random)));

        // 1. Good and bad samples interleaved, and one JSON sample.
        kafka.send("bad.samples", bytes("ok-0"), valid);
        for (Map.Entry<String, byte[]> e : bad.entrySet()) {
            kafka.send("bad.samples", bytes("key-" + e.getKey()), e.getValue());
            kafka.send(
                    "bad.samples",
                    bytes("ok-" + e.getKey()),
                    BinaryRecords.encode(sample("b", 1, "ok-" + e.getKey(), random)));
        }
        kafka.send(
                "bad.samples",
                bytes("json"),
                bytes("{\"label\": \"a\", \"data\": [1,0,0,0,0,0,0,0], \"sampleId\": \"json-1\"}"));

        try (TrainerApp app = TrainerApp.start(config(s, Map.of()))) {
            // 2. The 7 good samples are trained.
            Await.until("7 good samples trained", TIMEOUT, () -> app.status().samplesTrained() == 7);

            // 3. Each bad one is in the dead letters as it came, with its reason and source offset.
            List<ConsumerRecord<byte[], byte[]>> letters = kafka.awaitRecords("bad.dead-letters", bad.size(), TIMEOUT);
            assertEquals(bad.size(), letters.size());
            for (ConsumerRecord<byte[], byte[]> letter : letters) {
                String reason = DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.REASON);
                assertNotNull(bad.get(reason), "unexpected reason " + reason);
                assertArrayEquals(bad.get(reason), letter.value(), reason + ": the bytes as received");
                assertEquals("key-" + reason, text(letter.key()));
                assertEquals("bad.samples", DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_TOPIC));
                assertEquals("trainer", DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.APP));
                long offset = Long.parseLong(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.SOURCE_OFFSET));
                assertEquals(1, offset % 2, "bad records are at the odd offsets");
            }
            Map<String, Long> expected = new HashMap<>();
            bad.keySet().forEach(r -> expected.put(r, 1L));
            assertEquals(expected, app.status().deadLetters());
        }
    }

    @Test
    void aCheckpointFromAnotherClusterIsRefusedUntouchedAndSetAsideWhenTold() throws Exception {
        Map<String, String> s = settings("foreign", "a,b");
        produceSamples("foreign.samples", List.of("a", "b"), 64, "f-", 3);

        // 1. 64 samples trained on this cluster; the stop writes a checkpoint.
        try (TrainerApp first = TrainerApp.start(config(s, Map.of()))) {
            assertTrue(first.awaitSamplesTrained(64, TIMEOUT));
        }
        Path checkpoints = dir.resolve("checkpoints");
        List<String> written = listing(checkpoints);
        assertFalse(written.isEmpty(), "a checkpoint was written");

        try (EmbeddedKafkaBroker other = EmbeddedKafkaBroker.start()) {
            // 2. Another cluster, the same settings and checkpoint.dir: refused, naming the checkpoint and the choices.
            s.put("kafka.bootstrap.servers", other.bootstrapServers());
            List<String> ids = produceSamples(
                    KafkaIo.of(other.bootstrapServers()), "foreign.samples", List.of("a", "b"), 32, "g-", 4);
            ForeignCheckpointException e =
                    assertThrows(ForeignCheckpointException.class, () -> TrainerApp.start(config(s, Map.of())));
            assertTrue(
                    e.getMessage()
                            .contains(checkpoints
                                    .resolve(written.get(written.size() - 1))
                                    .toString()),
                    e.getMessage());
            assertTrue(e.getMessage().contains("on Kafka cluster"), e.getMessage());
            assertTrue(e.getMessage().contains("checkpoint.on-mismatch=start-fresh"), e.getMessage());
            assertEquals(written, listing(checkpoints), "the checkpoints are left as they were");

            // 3. Told to start fresh: the old checkpoints are set aside and a new model trains this cluster's samples
            // only.
            try (TrainerApp fresh = TrainerApp.start(config(s, Map.of("checkpoint.on-mismatch", "start-fresh")))) {
                assertTrue(fresh.awaitSamplesTrained(32, TIMEOUT));
                assertEquals(TrainedLedger.of(ids), fresh.status().ledger(), "nothing of the old model's samples");
            }
            List<String> now = listing(checkpoints);
            String aside = now.stream()
                    .filter(n -> n.startsWith("set-aside-"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(written, listing(checkpoints.resolve(aside)), "the old checkpoints, set aside whole");
        }
    }

    @Test
    void aCheckpointOfATopicSinceDeletedAndCreatedAgainIsRefused() throws Exception {
        Map<String, String> s = settings("recreated", "a,b");
        produceSamples("recreated.samples", List.of("a", "b"), 32, "r-", 5);
        try (TrainerApp first = TrainerApp.start(config(s, Map.of()))) {
            assertTrue(first.awaitSamplesTrained(32, TIMEOUT));
        }
        try (Admin admin = kafka.admin()) {
            admin.deleteTopics(List.of("recreated.samples")).all().get();
            Await.until(
                    "the topic gone",
                    TIMEOUT,
                    () -> !admin.listTopics().names().get().contains("recreated.samples"));
        }
        // The trainer creates the topic again at start; its offsets would start at 0 below the checkpoint's 32.
        ForeignCheckpointException e =
                assertThrows(ForeignCheckpointException.class, () -> TrainerApp.start(config(s, Map.of())));
        assertTrue(e.getMessage().contains("an earlier recreated.samples"), e.getMessage());
    }

    private static List<String> listing(Path dir) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Scales topics written before the trainer starts: compacted, as the streams-app creates them. */
    private static void createCompacted(String... topics) throws Exception {
        List<TopicSpec> specs = new ArrayList<>();
        for (String topic : topics) {
            specs.add(TopicSpec.compacted(topic, 1, (short) 1));
        }
        try (Admin admin = kafka.admin()) {
            Topics.ensure(admin, specs, 30_000);
        }
    }
}
