package org.semanticscale.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.golden.GoldenCases;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.reliability.harness.AppProcess;
import org.semanticscale.reliability.harness.Configs;
import org.semanticscale.reliability.harness.FeatureData;
import org.semanticscale.reliability.harness.Figures;
import org.semanticscale.reliability.harness.Logs;
import org.semanticscale.reliability.harness.OutputChecks;
import org.semanticscale.reliability.harness.Profile;
import org.semanticscale.reliability.harness.Scales;
import org.semanticscale.scale.ClassScale;
import org.semanticscale.scale.WeightNormalization;
import org.semanticscale.streams.topology.ScaleTopology;
import org.semanticscale.testkit.Await;
import org.semanticscale.testkit.ChildProcess;
import org.semanticscale.testkit.KafkaIo;
import org.semanticscale.testkit.Scrape;

/**
 * The streams-app killed with SIGKILL mid-stream and restarted, against an uninterrupted run over the
 * same input: both are {@code ssi streams} in child JVMs reading one features topic of a broker in this
 * JVM, each with its own application id and output topics.
 */
class StreamsAppCrashIT {
    private static final int CLASSES = 12;
    private static final int DIMENSION = 16;
    /** Window cap: every class overflows it, so the windows evict (and the restart restores evicted chunk heads). */
    private static final int CAPACITY = 400;

    private static final String INPUT = "crash.features";
    private static final Duration SETTLE = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private Path logs;

    @Test
    void shouldPublishTheScalesOfAnUninterruptedRunAfterSigkillsMidStream() throws Exception {
        int records = Profile.pick(40_000, 300_000);
        int kills = Profile.pick(2, 5);
        Figures figures = new Figures("streams-app-sigkill");
        logs = Logs.dir("streams-app-sigkill");
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Options.defaults().withDataDir(dir.resolve("broker")))) {
            KafkaIo kafka = new KafkaIo(Map.of("bootstrap.servers", broker.bootstrapServers()));

            // 1. The input, complete before either run starts: a long-tailed stream with 1 % unreadable or
            //    non-finite records among it, keyed by class over 4 partitions.
            try (Admin admin = kafka.admin()) {
                admin.createTopics(List.of(new NewTopic(INPUT, 4, (short) 1)))
                        .all()
                        .get();
            }
            List<FeatureData.Vector> good =
                    FeatureData.longTail(CLASSES, DIMENSION, records, System.currentTimeMillis() - 300_000, 11);
            Set<String> badSources = new HashSet<>();
            Random random = new Random(12);
            try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                List<Future<RecordMetadata>> bad = new ArrayList<>();
                for (FeatureData.Vector v : good) {
                    producer.send(v.record(INPUT));
                    if (random.nextInt(100) == 0) {
                        bad.add(producer.send(
                                new ProducerRecord<>(INPUT, null, v.timestamp(), v.key(), badValue(v, random))));
                    }
                }
                producer.flush();
                for (var f : bad) {
                    RecordMetadata m = f.get();
                    badSources.add(m.topic() + "/" + m.partition() + "/" + m.offset());
                }
            }
            figures.put("records sent", good.size() + badSources.size())
                    .put("good vectors", good.size())
                    .put("bad records", badSources.size());

            // 2. Two streams-apps over the same input: "ref" runs through, "crash" is killed `kills` times.
            ChildProcess reference = streams(broker, "ref").start();
            ChildProcess crash = streams(broker, "crash").start();
            try {
                int input = good.size() + badSources.size();
                List<Double> runningSeconds = new ArrayList<>();
                List<Double> progressSeconds = new ArrayList<>();
                List<String> killedAt = new ArrayList<>();
                for (int k = 1; k <= kills; k++) {
                    // 3. Kill when the run has committed a k/(kills+1) share of the input: mid-stream, with a
                    //    transaction open (commits come every 100 ms under exactly-once).
                    long target = (long) (input * k / (kills + 1.0));
                    ChildProcess running = crash;
                    Await.until(
                            "crash run to commit " + target + " input records",
                            Duration.ofSeconds(180),
                            () -> committed(kafka, "crash") >= target,
                            () -> running.tail(20));
                    long before = committed(kafka, "crash");
                    crash.kill();
                    killedAt.add(String.format(Locale.ROOT, "%.0f%%", 100.0 * before / input));

                    // 4. Restart on the same state directory, as an operator's supervisor would: time to RUNNING
                    //    (/health 200) and to the first commit beyond the kill point, from the process start.
                    int mark = crash.logLength();
                    crash = streams(broker, "crash").start();
                    ChildProcess restarted = crash;
                    int port = AppProcess.metricsPort(restarted, mark, Duration.ofSeconds(60));
                    Await.until(
                            "the restarted app to be RUNNING",
                            Duration.ofSeconds(120),
                            () -> Scrape.health(port) == 200,
                            () -> restarted.tail(20));
                    runningSeconds.add(restarted.uptimeSeconds());
                    Await.until(
                            "the restarted app to commit past " + before,
                            Duration.ofSeconds(120),
                            () -> committed(kafka, "crash") > before || before >= input,
                            () -> restarted.tail(20));
                    progressSeconds.add(restarted.uptimeSeconds());
                }
                figures.put("SIGKILLs survived", kills)
                        .put("killed at (input committed)", killedAt)
                        .put("restart to RUNNING, s", runningSeconds)
                        .put("restart to first commit past the kill point, s", progressSeconds);

                // 5. Both runs finish the input and go quiet.
                Map<String, ScaleRecord> ref = settled(kafka, "ref", good);
                Map<String, ScaleRecord> crashed = settled(kafka, "crash", good);
                assertTrue(reference.isAlive() && crash.isAlive(), "both apps still run");

                // 6. The final scales agree to float drift (see Scales.RUN_TO_RUN_TOLERANCE), and both agree
                //    with the core's from-scratch computation over the last CAPACITY vectors of each class.
                List<String> differences = Scales.differences(ref, crashed, Scales.RUN_TO_RUN_TOLERANCE);
                assertEquals(List.of(), differences, "final scales: uninterrupted vs killed and restarted");
                figures.put("classes compared", ref.size())
                        .put(
                                "largest relative difference, killed vs uninterrupted",
                                String.format(Locale.ROOT, "%.1e", Scales.maxRelativeDifference(ref, crashed)));
                Map<String, ClassScale> scratch = Scales.fromScratch(
                        Scales.lastWindows(FeatureData.byClass(good), CAPACITY),
                        2.0,
                        WeightNormalization.SUM_TO_ONE,
                        0.9999,
                        16);
                assertEquals(
                        List.of(),
                        Scales.differencesFromScratch(scratch, ref, GoldenCases.INCREMENTAL_TOLERANCE),
                        "uninterrupted vs from scratch");
                assertEquals(
                        List.of(),
                        Scales.differencesFromScratch(scratch, crashed, GoldenCases.INCREMENTAL_TOLERANCE),
                        "killed vs from scratch");
                double maxS = scratch.values().stream()
                        .mapToDouble(ClassScale::scale)
                        .max()
                        .orElseThrow();
                for (ClassScale c : scratch.values()) {
                    double ratio = c.scale() / maxS;
                    assertTrue(
                            ratio < 0.45 || ratio > 0.65,
                            "class " + c.label() + " ends in the hysteresis band (" + ratio
                                    + "): its final alert state would depend on the path; change the data");
                }

                // 7. No alert and no dead letter twice (read_committed: what downstream consumers see).
                for (String run : List.of("ref", "crash")) {
                    List<ConsumerRecord<byte[], byte[]>> published =
                            kafka.readCommitted(run + ".alerts", Duration.ofSeconds(60));
                    Map<String, List<String>> alerts =
                            OutputChecks.alertStates(published, OutputChecks.MODEL_VIEW, OutputChecks.SCALE_RATIO);
                    Map<String, List<String>> drops =
                            OutputChecks.alertStates(published, OutputChecks.MODEL_VIEW, OutputChecks.OWN_DROP);
                    assertEquals(
                            List.of(),
                            OutputChecks.duplicatedAlerts(alerts, "UNDERREPRESENTED"),
                            run + ": alerts published twice");
                    assertEquals(
                            List.of(),
                            OutputChecks.duplicatedAlerts(drops, "COLLAPSED"),
                            run + ": own-drop alerts published twice");
                    Map<String, ScaleRecord> finalScales = run.equals("ref") ? ref : crashed;
                    finalScales.forEach((label, scale) -> {
                        assertEquals(
                                scale.underrepresented(),
                                OutputChecks.lastIs(alerts, label, "UNDERREPRESENTED"),
                                run + ": the last alert of " + label + " is its final state");
                        assertEquals(
                                scale.collapsed(),
                                OutputChecks.lastIs(drops, label, "COLLAPSED"),
                                run + ": the last own-drop alert of " + label + " is its final state");
                    });
                    List<ConsumerRecord<byte[], byte[]>> letters =
                            kafka.readCommitted(run + ".dead-letters", Duration.ofSeconds(60));
                    Map<String, Integer> bySource = OutputChecks.bySource(letters);
                    assertEquals(badSources, bySource.keySet(), run + ": every bad record dead-lettered");
                    assertEquals(badSources.size(), letters.size(), run + ": no dead letter twice");
                    figures.put(run + ": alerts", published.size()).put(run + ": dead letters", letters.size());
                }
                figures.put(
                        "underrepresented at the end",
                        ref.values().stream()
                                .filter(ScaleRecord::underrepresented)
                                .map(ScaleRecord::label)
                                .toList());
            } finally {
                reference.close();
                crash.close();
                figures.write();
            }
        }
    }

    /** {@code ssi streams} for one run: its own application id, state directory and output topics. */
    private ChildProcess.Builder streams(EmbeddedKafkaBroker broker, String run) throws Exception {
        Map<String, String> s = Configs.streams(broker.bootstrapServers(), run, dir.resolve("state-" + run));
        s.put("topics.features", INPUT);
        s.put("topics.partitions", "4"); // the input topic the test created
        s.put("topics.scales", run + ".scales");
        s.put("topics.alerts", run + ".alerts");
        s.put("topics.dead-letters", run + ".dead-letters");
        s.put("window.span", "1h");
        s.put("window.max-per-class", Integer.toString(CAPACITY));
        // Static membership: the restarted instance takes its partitions back at once instead of waiting for
        // the killed one's session (45 s) to expire. See docs/reliability.md.
        s.put("kafka.group.instance.id", run + "-instance");
        return AppProcess.configured("streams-" + run, "streams", s, dir, logs);
    }

    private static long committed(KafkaIo kafka, String group) throws Exception {
        return kafka.committed(group, INPUT).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /** The repartition topic stage A's summaries go through to stage B (ScaleTopology.CLASS_SUMMARIES). */
    static String summaries(String applicationId) {
        return applicationId + "-" + ScaleTopology.CLASS_SUMMARIES + "-repartition";
    }

    /**
     * Waits until a run has committed its whole input and every summary of it, every class shows its
     * full window, and the scales topic has stayed unchanged for {@link #SETTLE}; returns the final scales.
     */
    private static Map<String, ScaleRecord> settled(KafkaIo kafka, String run, List<FeatureData.Vector> good)
            throws Exception {
        Map<String, Long> expectedN = new TreeMap<>();
        FeatureData.byClass(good)
                .forEach((label, rows) -> expectedN.put(label, (long) Math.min(rows.size(), CAPACITY)));
        int[] lastCount = {-1};
        long[] quietSince = {System.nanoTime()};
        AtomicReference<Map<String, ScaleRecord>> latest = new AtomicReference<>(Map.of());
        Await.until(
                run + " to finish and settle",
                Duration.ofSeconds(180),
                () -> {
                    List<ConsumerRecord<byte[], byte[]>> all =
                            kafka.readCommitted(run + ".scales", Duration.ofSeconds(30));
                    latest.set(Scales.latest(all));
                    if (all.size() != lastCount[0]) {
                        lastCount[0] = all.size();
                        quietSince[0] = System.nanoTime();
                        return false;
                    }
                    Map<String, Long> n = new TreeMap<>();
                    latest.get().forEach((label, r) -> n.put(label, r.n()));
                    // Stage B lags stage A: the summaries topic must be consumed too, not only the input.
                    return n.equals(expectedN)
                            && kafka.consumedToEnd(run, INPUT)
                            && kafka.consumedToEnd(run, summaries(run))
                            && System.nanoTime() - quietSince[0] > SETTLE.toNanos();
                },
                () -> "latest: "
                        + latest.get().values().stream()
                                .map(r -> r.label() + "=" + r.n())
                                .toList());
        return latest.get();
    }

    /** An unreadable or non-finite value for the same key. */
    private static byte[] badValue(FeatureData.Vector v, Random random) {
        if (random.nextBoolean()) {
            byte[] junk = new byte[1 + random.nextInt(64)];
            random.nextBytes(junk);
            junk[0] = 'x';
            return junk;
        }
        return ("{\"label\": \"" + v.label() + "\", \"features\": [1.0, NaN]}").getBytes(StandardCharsets.UTF_8);
    }
}
