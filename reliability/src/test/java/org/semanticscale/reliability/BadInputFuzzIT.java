package org.semanticscale.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.deadletter.DeadLetterHeaders;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.reliability.harness.AppProcess;
import org.semanticscale.reliability.harness.Configs;
import org.semanticscale.reliability.harness.FeatureData;
import org.semanticscale.reliability.harness.Figures;
import org.semanticscale.reliability.harness.Fuzzer;
import org.semanticscale.reliability.harness.Logs;
import org.semanticscale.reliability.harness.OutputChecks;
import org.semanticscale.reliability.harness.Profile;
import org.semanticscale.reliability.harness.SampleData;
import org.semanticscale.reliability.harness.Scales;
import org.semanticscale.testkit.Await;
import org.semanticscale.testkit.ChildProcess;
import org.semanticscale.testkit.KafkaIo;
import org.semanticscale.testkit.Scrape;
import org.semanticscale.trainer.checkpoint.TrainedLedger;

/**
 * Thousands of bad records of every kind ({@link Fuzzer}) mixed with good ones, to {@code ssi.features}
 * (read by a streams-app) and {@code ssi.samples} (read by a trainer), both child JVMs: every bad record
 * lands in {@code ssi.dead-letters} once, with a reason; neither process stops; the scales of the good
 * features equal those of a second streams-app that only ever saw the good ones; the trainer trains
 * exactly the good samples.
 */
class BadInputFuzzIT {
    private static final int DIMENSION = 16;
    private static final int SAMPLE_LENGTH = 8;
    private static final int CLASSES = 6;

    @TempDir
    Path dir;

    @Test
    void shouldDeadLetterEveryBadRecordWithAReasonAndKeepTheScalesOfACleanRun() throws Exception {
        int badPerTopic = Profile.pick(2_500, 25_000);
        int goodFeatures = Profile.pick(6_000, 60_000);
        int goodSamples = Profile.pick(1_000, 10_000);
        Figures figures = new Figures("bad-input-fuzz");
        Path logs = Logs.dir("bad-input-fuzz");
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Options.defaults().withDataDir(dir.resolve("broker")))) {
            KafkaIo kafka = new KafkaIo(Map.of("bootstrap.servers", broker.bootstrapServers()));

            // 1. Three apps: the streams-app under test on ssi.features; a clean streams-app on clean.features
            //    (same settings, only the good vectors); the trainer on ssi.samples (its own features go to a
            //    topic of their own, so that only the fuzzer's good vectors reach the windows compared).
            ChildProcess fuzzed = streams(
                    broker, "ssi-streams-app", "ssi.features", "ssi.scales", "ssi.alerts", "ssi.dead-letters", logs);
            ChildProcess clean = streams(
                    broker, "clean", "clean.features", "clean.scales", "clean.alerts", "clean.dead-letters", logs);
            Map<String, String> t = Configs.trainer(broker.bootstrapServers(), dir.resolve("checkpoints"));
            t.put("topics.features", "fuzz.trainer-features");
            ChildProcess trainer =
                    AppProcess.configured("trainer", "train", t, dir, logs).start();
            try {
                int fuzzedPort = AppProcess.metricsPort(fuzzed, 0, Duration.ofSeconds(90));
                int cleanPort = AppProcess.metricsPort(clean, 0, Duration.ofSeconds(90));
                int trainerPort = AppProcess.metricsPort(trainer, 0, Duration.ofSeconds(90));
                Await.until(
                        "both streams-apps RUNNING",
                        Duration.ofSeconds(120),
                        () -> Scrape.health(fuzzedPort) == 200 && Scrape.health(cleanPort) == 200,
                        () -> fuzzed.tail(5) + clean.tail(5));

                // 2. Good and bad records interleaved at random (seeded); the good vectors also go, in the same
                //    order and with the same timestamps, to the clean app's topic.
                Fuzzer fuzzer = new Fuzzer(41, DIMENSION, labels(), SAMPLE_LENGTH, SampleData.LABELS);
                List<FeatureData.Vector> vectors =
                        FeatureData.longTail(CLASSES, DIMENSION, goodFeatures, System.currentTimeMillis() - 60_000, 42);
                List<SampleData.Sample> samples = SampleData.samples(goodSamples, SAMPLE_LENGTH, "f-", 43);
                Map<String, String> badKinds = new HashMap<>(); // source -> kind
                List<Future<RecordMetadata>> pending = new ArrayList<>();
                List<String> pendingKinds = new ArrayList<>();
                Random random = new Random(44);
                try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                    FeatureData.produce(producer, "clean.features", vectors);
                    int v = 0;
                    int b = 0;
                    while (v < vectors.size() || b < badPerTopic) {
                        boolean bad = v == vectors.size()
                                || (b < badPerTopic && random.nextInt(vectors.size() + badPerTopic) < badPerTopic);
                        if (bad) {
                            Fuzzer.Bad r = b < 3 ? fuzzer.oversizedFeature() : fuzzer.badFeature();
                            pending.add(producer.send(new ProducerRecord<>("ssi.features", r.key(), r.value())));
                            pendingKinds.add(r.kind());
                            b++;
                        } else {
                            producer.send(vectors.get(v++).record("ssi.features"));
                        }
                    }
                    int s = 0;
                    b = 0;
                    while (s < samples.size() || b < badPerTopic) {
                        boolean bad = s == samples.size()
                                || (b < badPerTopic && random.nextInt(samples.size() + badPerTopic) < badPerTopic);
                        if (bad) {
                            Fuzzer.Bad r = b < 3 ? fuzzer.oversizedSample() : fuzzer.badSample();
                            pending.add(producer.send(new ProducerRecord<>("ssi.samples", r.key(), r.value())));
                            pendingKinds.add(r.kind());
                            b++;
                        } else {
                            producer.send(samples.get(s++).record("ssi.samples"));
                        }
                    }
                    producer.flush();
                    for (int i = 0; i < pending.size(); i++) {
                        RecordMetadata m = pending.get(i).get();
                        badKinds.put(m.topic() + "/" + m.partition() + "/" + m.offset(), pendingKinds.get(i));
                    }
                }
                Map<String, Long> kindsSent = badKinds.values().stream()
                        .collect(Collectors.groupingBy(k -> k, TreeMap::new, Collectors.counting()));
                figures.put("bad records sent", badKinds.size())
                        .put("good feature vectors", vectors.size())
                        .put("good samples", samples.size())
                        .put("kinds of bad record", kindsSent.size());

                // 3. Every bad record is in ssi.dead-letters exactly once, with a reason, from the app that read it.
                List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
                Await.until(
                        "a dead letter for every bad record",
                        Duration.ofSeconds(240),
                        () -> {
                            letters.clear();
                            letters.addAll(kafka.readCommitted("ssi.dead-letters", Duration.ofSeconds(60)));
                            return letters.size()
                                    >= expectedLetters(badKinds).values().stream()
                                            .mapToInt(Integer::intValue)
                                            .sum();
                        },
                        () -> letters.size() + " of " + badKinds.size() + " dead letters");
                // Duplicates would be written while the apps pass the bad records: wait until both are past the
                // last one (the streams-app's input offsets commit with its output; the trainer counts each
                // dead letter it sends), then read the topic again.
                long badSamples = badKinds.keySet().stream()
                        .filter(k -> k.startsWith("ssi.samples/"))
                        .count();
                Await.until(
                        "both apps past every bad record",
                        Duration.ofSeconds(120),
                        () -> kafka.consumedToEnd("ssi-streams-app", "ssi.features")
                                && kafka.consumedToEnd("ssi-streams-app", "ssi.samples")
                                && kafka.consumedToEnd(
                                        "ssi-streams-app", StreamsAppCrashIT.summaries("ssi-streams-app"))
                                && Scrape.of(trainerPort).sum("ssi_trainer_dead_letters_total", null) >= badSamples,
                        () -> trainer.tail(10));
                letters.clear();
                letters.addAll(kafka.readCommitted("ssi.dead-letters", Duration.ofSeconds(60)));
                Map<String, Integer> bySource = OutputChecks.bySource(letters);
                Set<String> missing = new TreeSet<>(badKinds.keySet());
                missing.removeAll(bySource.keySet());
                assertEquals(
                        Set.of(),
                        missing.stream()
                                .map(m -> m + " (" + badKinds.get(m) + ")")
                                .collect(Collectors.toSet()),
                        "bad records without a dead letter");
                assertEquals(badKinds.keySet(), bySource.keySet(), "dead letters of records that were not bad");
                assertEquals(
                        expectedLetters(badKinds),
                        new TreeMap<>(bySource),
                        "each bad record once per app that refused it");
                Map<String, Integer> reasons = OutputChecks.byReason(letters);
                assertTrue(!reasons.containsKey("(none)"), "every dead letter names its reason: " + reasons);
                // Which app refused each: features by the streams-app; a sample by the trainer and, unless it is
                // usable there, by the streams-app's input view; never one app twice.
                Map<String, Set<String>> apps = new TreeMap<>();
                for (ConsumerRecord<byte[], byte[]> d : letters) {
                    apps.computeIfAbsent(OutputChecks.source(d), k -> new TreeSet<>())
                            .add(DeadLetterHeaders.get(d.headers(), DeadLetterHeaders.APP));
                }
                apps.forEach((source, refusedBy) -> assertEquals(
                        !source.startsWith("ssi.samples/")
                                ? Set.of("streams-app")
                                : expectedLetters(badKinds).get(source) == 2
                                        ? Set.of("streams-app", "trainer")
                                        : Set.of("trainer"),
                        refusedBy,
                        "apps that refused " + source + " (" + badKinds.get(source) + ")"));
                figures.put("dead letters", letters.size())
                        .put("dead letters by reason", reasons)
                        .put("bad records by kind", kindsSent);

                // 4. The good samples, and only they, are trained; the good vectors' scales equal the clean run's.
                Await.until(
                        "the good samples trained",
                        Duration.ofSeconds(180),
                        () -> Scrape.valueAt(trainerPort, "ssi_trainer_samples_total") >= samples.size(),
                        () -> trainer.tail(10));
                Map<String, ScaleRecord> fuzzedScales =
                        settled(kafka, "ssi-streams-app", "ssi.features", "ssi.scales", vectors);
                Map<String, ScaleRecord> cleanScales =
                        settled(kafka, "clean", "clean.features", "clean.scales", vectors);
                assertEquals(
                        List.of(),
                        Scales.differences(cleanScales, fuzzedScales, Scales.RUN_TO_RUN_TOLERANCE),
                        "scales with the bad records vs without");
                figures.put(
                        "largest relative difference of the scales, fuzzed vs clean",
                        String.format(Locale.ROOT, "%.1e", Scales.maxRelativeDifference(cleanScales, fuzzedScales)));

                // 5. Nobody crashed: all three still run and answer /health; the trainer's last checkpoint holds the
                // good ids.
                assertTrue(fuzzed.isAlive() && clean.isAlive() && trainer.isAlive(), "every process still runs");
                assertEquals(200, Scrape.health(fuzzedPort), "streams-app health");
                assertEquals(200, Scrape.health(trainerPort), "trainer health");
                assertEquals(samples.size(), (long) Scrape.valueAt(trainerPort, "ssi_trainer_samples_total"));
                int mark = trainer.logLength();
                int status = trainer.stop(Duration.ofSeconds(120));
                assertTrue(status == 0 || status == 143, "trainer status " + status);
                trainer.awaitLog("training stopped at step", mark, Duration.ofSeconds(5));
                Properties checkpoint =
                        TrainerCrashIT.metadata(TrainerCrashIT.newestCheckpoint(dir.resolve("checkpoints")));
                TrainedLedger expected = TrainedLedger.of(SampleData.ids(samples));
                assertEquals(expected.count(), Long.parseLong(checkpoint.getProperty("ledger.count")));
                assertEquals(expected.digest(), Long.parseUnsignedLong(checkpoint.getProperty("ledger.digest"), 16));
                figures.put("processes crashed", 0)
                        .put("samples trained (ledger)", checkpoint.getProperty("ledger.count"));
            } finally {
                fuzzed.close();
                clean.close();
                trainer.close();
                figures.write();
            }
        }
    }

    private static List<String> labels() {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < CLASSES; c++) {
            out.add("c" + c);
        }
        return out;
    }

    /**
     * Dead letters per bad record: two apps read ssi.samples (the trainer and the streams-app's input view) and
     * each refuses a bad sample once, except the one kind the input view can use: a label the trainer was not
     * configured with (the input view monitors any label). A bad feature vector has one reader.
     */
    private static Map<String, Integer> expectedLetters(Map<String, String> badKinds) {
        Map<String, Integer> out = new TreeMap<>();
        badKinds.forEach((source, kind) ->
                out.put(source, source.startsWith("ssi.samples/") && !kind.equals("unknown-label") ? 2 : 1));
        return out;
    }

    private ChildProcess streams(
            EmbeddedKafkaBroker broker,
            String id,
            String features,
            String scales,
            String alerts,
            String deadLetters,
            Path logs)
            throws Exception {
        Map<String, String> s = Configs.streams(broker.bootstrapServers(), id, dir.resolve("state-" + id));
        s.put("topics.features", features);
        s.put("topics.scales", scales);
        s.put("topics.alerts", alerts);
        s.put("topics.dead-letters", deadLetters);
        s.put("features.dimension", Integer.toString(DIMENSION));
        s.put("window.span", "1h");
        s.put("window.max-per-class", "100000");
        // The app under test also reads ssi.samples for its input view, with the trainer's input length, so a
        // malformed sample can never decide a class's length; the clean app compares model scales only.
        s.put("input.length", Integer.toString(SAMPLE_LENGTH));
        s.put("input.enabled", Boolean.toString(!id.equals("clean")));
        return AppProcess.configured("streams-" + id, "streams", s, dir, logs).start();
    }

    /**
     * The final scales once the app has consumed its input and every summary, every class shows all
     * its good vectors, and the scales topic has been quiet for 3 s.
     */
    private static Map<String, ScaleRecord> settled(
            KafkaIo kafka, String applicationId, String input, String topic, List<FeatureData.Vector> vectors)
            throws Exception {
        Map<String, Long> expected = new TreeMap<>();
        FeatureData.byClass(vectors).forEach((label, rows) -> expected.put(label, (long) rows.size()));
        int[] count = {-1};
        long[] quietSince = {System.nanoTime()};
        AtomicReference<Map<String, ScaleRecord>> latest = new AtomicReference<>(Map.of());
        Await.until(
                topic + " to settle",
                Duration.ofSeconds(180),
                () -> {
                    List<ConsumerRecord<byte[], byte[]>> all = kafka.readCommitted(topic, Duration.ofSeconds(30));
                    latest.set(Scales.latest(all));
                    if (all.size() != count[0]) {
                        count[0] = all.size();
                        quietSince[0] = System.nanoTime();
                        return false;
                    }
                    Map<String, Long> n = new TreeMap<>();
                    latest.get().forEach((l, r) -> n.put(l, r.n()));
                    return n.equals(expected)
                            && kafka.consumedToEnd(applicationId, input)
                            && kafka.consumedToEnd(applicationId, StreamsAppCrashIT.summaries(applicationId))
                            && System.nanoTime() - quietSince[0] > 3_000_000_000L;
                },
                () -> "latest "
                        + latest.get().values().stream()
                                .map(r -> r.label() + "=" + r.n())
                                .toList() + ", expected " + expected);
        return latest.get();
    }
}
