package org.semanticscale.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.golden.GoldenCases;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.reliability.harness.AppProcess;
import org.semanticscale.reliability.harness.BrokerCluster;
import org.semanticscale.reliability.harness.ClassClouds;
import org.semanticscale.reliability.harness.Configs;
import org.semanticscale.reliability.harness.FeatureData;
import org.semanticscale.reliability.harness.Figures;
import org.semanticscale.reliability.harness.Logs;
import org.semanticscale.reliability.harness.OutputChecks;
import org.semanticscale.reliability.harness.Scales;
import org.semanticscale.scale.ClassScale;
import org.semanticscale.scale.WeightNormalization;
import org.semanticscale.scaletopic.ScaleView;
import org.semanticscale.testkit.Await;
import org.semanticscale.testkit.ChildProcess;
import org.semanticscale.testkit.KafkaIo;
import org.semanticscale.testkit.Scrape;
import org.semanticscale.topic.TopicNames;

/**
 * Scale-out (issue 12): three {@code ssi broker} processes (a replicated KRaft cluster) and three {@code ssi
 * streams} instances sharing six partitions of 1,000 long-tailed classes publish the same scales and the same
 * alerts as one instance on one broker fed the same input, although one instance and one broker are SIGKILLed
 * while the second phase streams in.
 *
 * <p>The input is built so that its alerts do not depend on timing: every window fills to its cap before its
 * class gets a scale ({@code scale.min-samples} = the cap), so a class's S / max S is near 1 (wide clouds) or
 * near 0.4 (narrow ones) from its first scale on. The second phase collapses 50 wide classes onto a point and
 * widens 50 narrow ones, moving each through the hysteresis band once. Each class's sequence of alert states is
 * then a property of the input, and both runs must publish exactly it.
 */
class ScaleOutIT {
    private static final int CLASSES = 1_000;
    private static final int DIMENSION = 64;
    /** Window cap and minimum samples alike: a class's first scale is of a full window. */
    private static final int CAPACITY = 32;

    private static final int PARTITIONS = 6;
    private static final int INSTANCES = 3;
    /** Classes reshaped in the second phase, of each kind. */
    private static final int RESHAPED = 50;
    /** Second-phase vectors per second: long enough to kill mid-stream, short enough for CI. */
    private static final double PHASE_TWO_RATE = 120;

    private static final Duration WAIT = Duration.ofSeconds(240);
    private static final String FEATURES = TopicNames.FEATURES;
    private static final String APPLICATION = "ssi-scale-out";

    @TempDir
    Path dir;

    private Path logs;
    private final Figures figures = new Figures("scale-out");

    /** The input of both runs and what it must produce. */
    private record Input(
            List<FeatureData.Vector> phaseOne,
            List<ProducerRecord<byte[], byte[]>> phaseTwo,
            int badRecords,
            Map<String, ClassScale> afterPhaseOne,
            Map<String, ClassScale> atEnd,
            Map<String, List<String>> alerts) {}

    /** What one run published. */
    private record Outcome(
            Map<String, ScaleRecord> scales,
            Map<String, List<String>> alerts,
            int alertRecords,
            Map<String, Integer> deadLettersBySource,
            int deadLetters) {}

    @Test
    void threeInstancesOnThreeBrokersPublishWhatOneInstanceOnOneBrokerDoesThroughSigkills() throws Exception {
        logs = Logs.dir("scale-out");
        Input input = input();
        figures.put("classes", CLASSES)
                .put("dimension", DIMENSION)
                .put("partitions", PARTITIONS)
                .put("vectors, phase one", input.phaseOne().size())
                .put("records, phase two (bad among them)", input.phaseTwo().size() + " (" + input.badRecords() + ")");
        try {
            Outcome single;
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                    EmbeddedKafkaBroker.Options.defaults().withDataDir(dir.resolve("single-broker")))) {
                single = run("single", broker.bootstrapServers(), 1, input, null);
            }
            Outcome cluster;
            try (BrokerCluster brokers = BrokerCluster.start(3, dir.resolve("cluster"), logs)) {
                cluster = run("cluster", brokers.bootstrapServers(), INSTANCES, input, brokers);
            }

            assertEquals(
                    List.of(),
                    Scales.differences(single.scales(), cluster.scales(), GoldenCases.INCREMENTAL_TOLERANCE),
                    "final scales: three instances on three brokers vs one on one");
            figures.put(
                    "largest relative difference of the final scales, cluster vs single",
                    String.format(
                            Locale.ROOT, "%.1e", Scales.maxRelativeDifference(single.scales(), cluster.scales())));
            assertEquals(input.alerts(), single.alerts(), "single run: alert states per class");
            assertEquals(single.alerts(), cluster.alerts(), "alert states per class: cluster vs single");
            for (Outcome o : List.of(single, cluster)) {
                assertEquals(input.badRecords(), o.deadLetters(), "every bad record dead-lettered once");
                assertTrue(
                        o.deadLettersBySource().values().stream().allMatch(n -> n == 1),
                        "no dead letter twice: " + o.deadLettersBySource());
            }
            figures.put("alert records (single / cluster)", single.alertRecords() + " / " + cluster.alertRecords());
        } finally {
            figures.write();
        }
    }

    /** The seeded input and, from the core's from-scratch computation, the scales it must end with. */
    private static Input input() {
        ClassClouds clouds = new ClassClouds(CLASSES, DIMENSION, System.currentTimeMillis() - 120_000, 21);
        List<FeatureData.Vector> one = clouds.longTail(CAPACITY, 3 * CAPACITY);
        List<Integer> narrowed = new ArrayList<>();
        List<Integer> widened = new ArrayList<>();
        for (int i = 0; i < RESHAPED; i++) {
            narrowed.add(i * (CLASSES / 2) / RESHAPED);
            widened.add(CLASSES / 2 + i * (CLASSES / 2) / RESHAPED);
        }
        List<FeatureData.Vector> collapse = clouds.reshape(narrowed, CAPACITY, ClassClouds.POINT);
        List<FeatureData.Vector> widen = clouds.reshape(widened, CAPACITY, ClassClouds.WIDE);
        List<FeatureData.Vector> two = new ArrayList<>();
        for (int i = 0; i < collapse.size(); i++) {
            two.add(collapse.get(i));
            two.add(widen.get(i));
        }
        // One unreadable record per 100 good ones, keyed like a class: each must be dead-lettered exactly once.
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        int bad = 0;
        for (int i = 0; i < two.size(); i++) {
            records.add(two.get(i).record(FEATURES));
            if (i % 100 == 50) {
                FeatureData.Vector v = two.get(i);
                records.add(new ProducerRecord<>(
                        FEATURES, null, v.timestamp(), v.key(), ("x" + i).getBytes(StandardCharsets.UTF_8)));
                bad++;
            }
        }

        List<FeatureData.Vector> all = new ArrayList<>(one);
        all.addAll(two);
        Map<String, List<String>> alerts = new TreeMap<>();
        for (int i = 0; i < CLASSES; i++) {
            List<String> states = new ArrayList<>();
            if (clouds.initialSpread(i) == ClassClouds.NARROW) {
                states.add("UNDERREPRESENTED");
            }
            if (narrowed.contains(i)) {
                states.add("UNDERREPRESENTED");
            }
            if (widened.contains(i)) {
                states.add("RECOVERED");
            }
            if (!states.isEmpty()) {
                alerts.put(ClassClouds.label(i), states);
            }
        }
        return new Input(one, records, bad, fromScratch(one), fromScratch(all), alerts);
    }

    private static Map<String, ClassScale> fromScratch(List<FeatureData.Vector> vectors) {
        return Scales.fromScratch(
                Scales.lastWindows(FeatureData.byClass(vectors), CAPACITY),
                2.0,
                WeightNormalization.SUM_TO_ONE,
                0.9999,
                CAPACITY);
    }

    /**
     * One run: {@code instances} streams-apps on {@code bootstrap}; phase one sent at once and awaited to its
     * from-scratch scales, phase two sent at a steady rate, with (when {@code brokers} is given) the instance
     * running stage B SIGKILLed at a third of it and a broker at two thirds; then awaited to the final scales.
     */
    private Outcome run(String run, String bootstrap, int instances, Input input, BrokerCluster brokers)
            throws Exception {
        KafkaIo kafka = KafkaIo.of(bootstrap);
        List<ChildProcess> apps = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                ChildProcess app = streams(run, i, bootstrap).start();
                apps.add(app);
            }
            for (ChildProcess app : apps) {
                int port = AppProcess.metricsPort(app, 0, Duration.ofSeconds(90));
                ports.add(port);
                Await.until(app.name() + " RUNNING", WAIT, () -> Scrape.health(port) == 200, () -> app.tail(20));
            }
            Properties client = new Properties();
            client.put("bootstrap.servers", bootstrap);
            try (ScaleView scales = ScaleView.reading(client, TopicNames.SCALES).start()) {
                // Phase one, all at once: every class to its full window.
                long start = System.nanoTime();
                try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                    FeatureData.produce(producer, FEATURES, input.phaseOne());
                }
                awaitScales(run + " phase one", scales, input.afterPhaseOne());
                figures.put(run + ": phase one to its scales, s", (System.nanoTime() - start) / 1e9);

                // Phase two at a steady rate, killing on the way in the cluster run.
                AtomicLong handed = new AtomicLong();
                AtomicLong acknowledged = new AtomicLong();
                Thread sender = new Thread(
                        () -> kafka.sendAtRate(input.phaseTwo(), PHASE_TWO_RATE, handed, acknowledged),
                        run + "-phase-two");
                sender.start();
                if (brokers != null) {
                    int total = input.phaseTwo().size();
                    awaitSent(acknowledged, total / 3);
                    int owner = stageBOwner(ports);
                    long killed = System.currentTimeMillis();
                    apps.get(owner).kill();
                    figures.put(run + ": SIGKILLed instance (ran stage B)", owner);
                    figures.put(run + ": first scale after the instance's SIGKILL, s", firstScaleAfter(kafka, killed));
                    awaitSent(acknowledged, 2 * total / 3);
                    killed = System.currentTimeMillis();
                    brokers.kill(1);
                    figures.put(run + ": first scale after a broker's SIGKILL, s", firstScaleAfter(kafka, killed));
                }
                sender.join(WAIT.toMillis());
                long sent = System.nanoTime();
                assertEquals(input.phaseTwo().size(), acknowledged.get(), run + ": phase two acknowledged");
                awaitScales(run + " at the end", scales, input.atEnd());
                Await.until(
                        run + ": stage B consumed to the end",
                        WAIT,
                        () -> kafka.consumedToEnd(APPLICATION, FEATURES)
                                && kafka.consumedToEnd(APPLICATION, summaries()));
                figures.put(run + ": phase two's end to the final scales, s", (System.nanoTime() - sent) / 1e9);

                for (int i = 0; i < apps.size(); i++) {
                    if (apps.get(i).isAlive()) {
                        assertEquals(200, Scrape.health(ports.get(i)), run + ": instance " + i + " healthy");
                    }
                }
                List<ConsumerRecord<byte[], byte[]>> alerts =
                        kafka.readCommitted(TopicNames.ALERTS, Duration.ofSeconds(60));
                List<ConsumerRecord<byte[], byte[]>> letters =
                        kafka.readCommitted(TopicNames.DEAD_LETTERS, Duration.ofSeconds(60));
                return new Outcome(
                        new TreeMap<>(scales.snapshot().byLabel()),
                        OutputChecks.alertStates(alerts, OutputChecks.MODEL_VIEW, OutputChecks.SCALE_RATIO),
                        alerts.size(),
                        OutputChecks.bySource(letters),
                        letters.size());
            }
        } finally {
            apps.forEach(ChildProcess::close);
        }
    }

    /** Waits until the scales topic shows every class as the core computes it from scratch. */
    private static void awaitScales(String what, ScaleView scales, Map<String, ClassScale> expected) throws Exception {
        AtomicReference<List<String>> differences = new AtomicReference<>(List.of());
        Await.until(
                what + ": every class's scale as computed from scratch",
                WAIT,
                () -> {
                    differences.set(Scales.differencesFromScratch(
                            expected, scales.snapshot().byLabel(), GoldenCases.INCREMENTAL_TOLERANCE));
                    return differences.get().isEmpty();
                },
                () -> differences.get().size() + " differences, first: "
                        + differences.get().stream().limit(5).toList());
    }

    private static void awaitSent(AtomicLong acknowledged, long count) throws Exception {
        Await.until("phase two to reach " + count + " records", WAIT, () -> acknowledged.get() >= count);
    }

    /**
     * Seconds from {@code killedMillis} to the publish time (the record's timestamp: stage B's wall clock) of
     * the first committed scale record published after it.
     */
    private static double firstScaleAfter(KafkaIo kafka, long killedMillis) throws Exception {
        long[] first = {-1};
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.committedReader()) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(TopicNames.SCALES, WAIT)
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            Map<TopicPartition, Long> since = new HashMap<>();
            partitions.forEach(tp -> since.put(tp, killedMillis));
            consumer.offsetsForTimes(since, WAIT).forEach((tp, at) -> {
                if (at == null) {
                    consumer.seekToEnd(List.of(tp));
                } else {
                    consumer.seek(tp, at.offset());
                }
            });
            Await.until("a scale published after the kill", WAIT, () -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.timestamp() > killedMillis) {
                        first[0] = r.timestamp();
                        return true;
                    }
                }
                return false;
            });
        }
        return (first[0] - killedMillis) / 1e3;
    }

    /** The instance whose /metrics says it runs stage B of the model view. */
    private static int stageBOwner(List<Integer> ports) throws Exception {
        int[] owner = {-1};
        Await.until("an instance to run stage B", WAIT, () -> {
            for (int i = 0; i < ports.size(); i++) {
                Scrape s = Scrape.tryOf(ports.get(i));
                if (s != null && s.sum("ssi_stage_b_owner", "view=\"model\"") == 1) {
                    owner[0] = i;
                    return true;
                }
            }
            return false;
        });
        return owner[0];
    }

    /** The repartition topic stage A's summaries go through to stage B. */
    private static String summaries() {
        return StreamsAppCrashIT.summaries(APPLICATION);
    }

    /** One {@code ssi streams} instance of a run: shared application id, its own state directory and port. */
    private ChildProcess.Builder streams(String run, int instance, String bootstrap) throws Exception {
        Map<String, String> s = Configs.streams(bootstrap, APPLICATION, dir.resolve(run + "-state-" + instance));
        s.put("input.enabled", "false");
        s.put("features.dimension", Integer.toString(DIMENSION));
        s.put("topics.partitions", Integer.toString(PARTITIONS));
        s.put("window.span", "1h");
        s.put("window.max-per-class", Integer.toString(CAPACITY));
        s.put("scale.min-samples", Integer.toString(CAPACITY));
        // No own-drop alerts: their baseline is sampled at wall-clock publishes, so they depend on timing.
        s.put("alert.baseline-min", "1h");
        s.put("alert.baseline", "1h");
        // A standby copy of every task's state on another instance: a task moved after a kill restores less.
        s.put("kafka.num.standby.replicas", run.equals("cluster") ? "1" : "0");
        // A killed instance's tasks move after its session expires: the broker's minimum, not the 45 s default.
        s.put("kafka.session.timeout.ms", "6000");
        s.put("kafka.heartbeat.interval.ms", "1500");
        return AppProcess.configured(run + "-streams-" + instance, "streams", s, dir, logs);
    }
}
