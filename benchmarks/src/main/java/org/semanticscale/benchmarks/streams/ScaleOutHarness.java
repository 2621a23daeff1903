package org.semanticscale.benchmarks.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.semanticscale.streams.StreamsApp;
import org.semanticscale.streams.StreamsAppConfig;
import org.semanticscale.streams.View;

/**
 * The scale-out benchmark (issue 12), all figures from one run against a broker in its own JVM:
 * <ol>
 *   <li><b>Instances.</b> 1, 2 and 3 streams-app instances of one application id (in this JVM, each with its own
 *       state directory and metrics port) read the same long-tailed stream of d = 64 features of 100 classes on
 *       six partitions, alternating with a pass-through topology over it; medians of {@code rounds}. With two
 *       cores more instances cannot be faster than two cores: the figures that mean something are CPU seconds per
 *       million records (this JVM's, the input being produced before the pass; the broker's apart) and each
 *       instance's share of the records.</li>
 *   <li><b>Classes.</b> For each C, one instance with every class window full at {@code window.max-per-class}:
 *       the heap the app holds, stage B's scale computation over C classes ({@link ScaleComputeTiming}, a
 *       stand-in) and the produce-to-scale latency ({@link LiveLatency}) at a modest live rate to uniformly drawn
 *       classes, with the default {@code scale.interval} and {@code scale.publish-interval}.</li>
 * </ol>
 * Usage: {@code benchmarks/run-scale-out.sh [records] [rounds] [classes,...] [window cap] [live seconds] [live rate]}.
 */
public final class ScaleOutHarness {
    static final int DIMENSION = 64;
    /** Part 1's classes, as in the streams-app benchmark: its one-instance figure reads against that one's. */
    static final int CLASSES = 100;

    static final int PARTITIONS = 6;
    static final String GUARANTEE = "exactly_once_v2";
    static final List<Integer> INSTANCES = List.of(1, 2, 3);
    /**
     * The broker waits this long for more members before a new group's first assignment (EmbeddedKafkaBroker's
     * default is 0): every instance of a pass then starts with its share, instead of the first one taking all six
     * partitions and giving some up in a rebalance inside the measured span.
     */
    static final String INITIAL_REBALANCE_DELAY_MS = "3000";

    private ScaleOutHarness() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Integer> classCounts = Arrays.stream((args.length > 2 ? args[2] : "1000,8142").split(","))
                .map(Integer::parseInt)
                .toList();
        int cap = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        int liveSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        int liveRate = args.length > 5 ? Integer.parseInt(args[5]) : 2_000;
        try (BrokerProcess broker =
                BrokerProcess.start(Map.of("group.initial.rebalance.delay.ms", INITIAL_REBALANCE_DELAY_MS))) {
            ConsumptionClock clock = new ConsumptionClock(broker.bootstrapServers());
            instances(broker, clock, records, rounds);
            List<ClassFigures> figures = new ArrayList<>();
            for (int classes : classCounts) {
                figures.add(classes(broker, classes, cap, liveRate, liveSeconds));
            }
            printClasses(figures, liveRate, liveSeconds);
            clock.close();
        }
    }

    /** One pass's figures: its sustained rate, the CPU it took, the records each app instance processed. */
    record PassFigures(
            double recordsPerSecond,
            long records,
            double cpuSeconds,
            double brokerCpuSeconds,
            List<Long> processedPerInstance) {
        double cpuSecondsPerMillion() {
            return cpuSeconds / records * 1e6;
        }

        double brokerCpuSecondsPerMillion() {
            return brokerCpuSeconds / records * 1e6;
        }

        /** Each instance's share of the records processed, in per cent, in the order they started. */
        String shares() {
            long total =
                    processedPerInstance.stream().mapToLong(Long::longValue).sum();
            return processedPerInstance.stream()
                    .map(n -> String.format(Locale.ROOT, "%.0f", 100.0 * n / Math.max(total, 1)))
                    .collect(Collectors.joining(" / ", "", " %"));
        }
    }

    // ---------------------------------------------------------------- part 1: instances

    static void instances(BrokerProcess broker, ConsumptionClock clock, int records, int rounds) throws Exception {
        String bootstrap = broker.bootstrapServers();
        LongTailFeatures features = new LongTailFeatures(CLASSES, DIMENSION, 100, 7);
        int warmupRecords = Math.min(StreamsThroughputHarness.WARMUP_RECORDS, records);
        double seconds = Rounds.produceTopics(
                bootstrap,
                clock,
                PARTITIONS,
                features::produce,
                "bench.scale-out",
                records,
                "bench.scale-out-warmup",
                warmupRecords);
        System.out.printf(
                Locale.ROOT,
                "produced %d records (%d warm-up) of %d classes to %d partitions in %.1f s%n",
                records,
                warmupRecords,
                CLASSES,
                PARTITIONS,
                seconds);
        List<Rounds.Pass<PassFigures>> passes = new ArrayList<>();
        passes.add(new Rounds.Pass<>("pass-through", topic -> passThrough(broker, clock, topic)));
        for (int n : INSTANCES) {
            passes.add(new Rounds.Pass<>(
                    n + (n == 1 ? " instance" : " instances"), topic -> appInstances(broker, clock, topic, n)));
        }
        List<List<PassFigures>> figures =
                Rounds.alternate(passes, "bench.scale-out-warmup", "bench.scale-out", rounds, (round, results) -> {
                    for (int i = 0; i < passes.size(); i++) {
                        PassFigures f = results.get(i);
                        System.out.printf(
                                Locale.ROOT,
                                "round %d: %-12s %8.0f records/s, CPU %.2f s/M records (broker %.2f s/M)%s%n",
                                round + 1,
                                passes.get(i).name(),
                                f.recordsPerSecond(),
                                f.cpuSecondsPerMillion(),
                                f.brokerCpuSecondsPerMillion(),
                                f.processedPerInstance().isEmpty() ? "" : ", shares " + f.shares());
                    }
                });
        printInstances(passes, figures, records, rounds);
    }

    static PassFigures passThrough(BrokerProcess broker, ConsumptionClock clock, String topic) throws Exception {
        String id = "bench-pass-" + System.nanoTime();
        try (KafkaStreams streams =
                BenchApps.startPassThrough(broker.bootstrapServers(), clock, id, topic, GUARANTEE, PARTITIONS)) {
            return figures(clock.measure(id, topic, 600, () -> CpuClocks.read(broker)), List.of());
        }
    }

    /** {@code n} instances of one application id read the topic from the start; started one after the other. */
    static PassFigures appInstances(BrokerProcess broker, ConsumptionClock clock, String topic, int n)
            throws Exception {
        String id = "bench-ssi-" + n + "x-" + System.nanoTime();
        List<StreamsApp> apps = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                // Each its own state directory and metrics port (BenchApps.appSettings), one application id.
                apps.add(StreamsApp.start(StreamsAppConfig.of(
                        BenchApps.appSettings(broker.bootstrapServers(), id, topic, GUARANTEE, PARTITIONS))));
            }
            ConsumptionClock.Span<CpuClocks> span = clock.measure(id, topic, 600, () -> CpuClocks.read(broker));
            List<Long> processed = apps.stream()
                    .map(a -> a.metrics().view(View.MODEL).processed())
                    .toList();
            return figures(span, processed);
        } finally {
            // In parallel: one by one, each close would move the leaving instance's tasks to the others first.
            apps.parallelStream().forEach(StreamsApp::close);
        }
    }

    static PassFigures figures(ConsumptionClock.Span<CpuClocks> span, List<Long> processedPerInstance) {
        return new PassFigures(
                span.recordsPerSecond(),
                span.records(),
                span.atEnd().harnessSecondsSince(span.atFirstCommit()),
                span.atEnd().brokerSecondsSince(span.atFirstCommit()),
                processedPerInstance);
    }

    static void printInstances(
            List<Rounds.Pass<PassFigures>> passes, List<List<PassFigures>> figures, int records, int rounds) {
        double passThroughRate = median(figures.get(0), PassFigures::recordsPerSecond);
        double oneInstanceCpu = median(figures.get(1), PassFigures::cpuSecondsPerMillion);
        System.out.printf(
                Locale.ROOT,
                "%nINSTANCES: %d records of %d classes, d = %d, %d partitions, %s, medians of %d round(s); "
                        + "CPU in seconds per million records, this JVM (the apps) and the broker's apart%n",
                records,
                CLASSES,
                DIMENSION,
                PARTITIONS,
                GUARANTEE,
                rounds);
        System.out.println("| topology | records/s | x pass-through | CPU s/M records | x 1 instance | broker CPU s/M "
                + "| records per instance (last round) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|");
        for (int i = 0; i < passes.size(); i++) {
            List<PassFigures> f = figures.get(i);
            double rate = median(f, PassFigures::recordsPerSecond);
            double cpu = median(f, PassFigures::cpuSecondsPerMillion);
            PassFigures last = f.get(f.size() - 1);
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.0f | %.2f | %.2f | %s | %.2f | %s |%n",
                    passes.get(i).name(),
                    rate,
                    rate / passThroughRate,
                    cpu,
                    i == 0 ? "-" : String.format(Locale.ROOT, "%.2f", cpu / oneInstanceCpu),
                    median(f, PassFigures::brokerCpuSecondsPerMillion),
                    last.processedPerInstance().isEmpty() ? "-" : last.shares());
        }
    }

    private static double median(List<PassFigures> figures, ToDoubleFunction<PassFigures> of) {
        return Percentiles.median(figures.stream().map(of::applyAsDouble).toList());
    }

    // ---------------------------------------------------------------- part 2: classes

    /** Part 2's figures for one class count. */
    record ClassFigures(
            int classes, int cap, long heapBefore, long heapFull, double computeMillis, LiveLatency.Result latency) {
        long appHeap() {
            return heapFull - heapBefore;
        }
    }

    /**
     * One instance, C classes of uniform frequency: times stage B's computation first (before the app runs, so
     * nothing competes for the cores), fills every window to {@code cap} and reads the heap, then measures the
     * latency live.
     */
    static ClassFigures classes(BrokerProcess broker, int classes, int cap, int liveRate, int liveSeconds)
            throws Exception {
        String bootstrap = broker.bootstrapServers();
        // Imbalance factor 1: every class drawn equally often, so that every window fills and is refreshed.
        LongTailFeatures features = new LongTailFeatures(classes, DIMENSION, 1, 11);
        String id = "bench-classes-" + classes + "-" + System.nanoTime();
        String topic = "bench.classes." + id;
        Map<String, String> settings = BenchApps.appSettings(bootstrap, id, topic, GUARANTEE, PARTITIONS);
        settings.put("window.max-per-class", Integer.toString(cap));
        StreamsAppConfig config = StreamsAppConfig.of(settings);
        // Classes whose summary changes between two publishes at the live rate (at most all of them).
        int changedPerPublish = (int)
                Math.min(classes, (long) liveRate * config.publishInterval().toMillis() / 1000);
        double computeMillis = ScaleComputeTiming.medianMillis(config, classes, DIMENSION, cap, changedPerPublish, 5);
        System.out.printf(
                Locale.ROOT,
                "%d classes: stage B's computation over %d summaries (%d changed per call), median of 5: %.1f ms%n",
                classes,
                classes,
                changedPerPublish,
                computeMillis);
        long heapBefore = FullWindows.heapUsedAfterGc();
        try (StreamsApp app = StreamsApp.start(config);
                KafkaProducer<byte[], byte[]> producer = LongTailFeatures.producer(bootstrap)) {
            if (!app.awaitRunning(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the app did not start within 60 s", app.failure());
            }
            // A few more than the cap, so every window is full and has slid.
            int perClass = cap + 16;
            long t0 = System.nanoTime();
            FullWindows.fill(app, features, producer, topic, perClass, 600_000);
            long heapFull = FullWindows.heapUsedAfterGc();
            System.out.printf(
                    Locale.ROOT,
                    "%d classes: %d vectors each filled in %.1f s (%d processed); the app holds %.0f MB after GC%n",
                    classes,
                    perClass,
                    (System.nanoTime() - t0) / 1e9 - 3, // less fill's 3 s wait for the last scales
                    app.metrics().view(View.MODEL).processed(),
                    (heapFull - heapBefore) / 1e6);
            LiveLatency.Result latency = LiveLatency.measure(
                    bootstrap, config.scalesTopic(), producer, topic, features, liveRate, liveSeconds, 4);
            System.out.printf(
                    Locale.ROOT,
                    "%d classes: produce -> published scale at %d records/s for %d s: %s%n",
                    classes,
                    liveRate,
                    liveSeconds,
                    latency.summary());
            return new ClassFigures(classes, cap, heapBefore, heapFull, computeMillis, latency);
        }
    }

    static void printClasses(List<ClassFigures> figures, int liveRate, int liveSeconds) {
        System.out.printf(
                Locale.ROOT,
                "%nCLASSES: d = %d, one instance, %d partitions, %s, every window full; latency at %d records/s to "
                        + "uniformly drawn classes for %d s, scale.interval 1 s, scale.publish-interval 200 ms; "
                        + "stage B: SemanticScales.compute timed directly (a stand-in: no metric of a publish's time)%n",
                DIMENSION,
                PARTITIONS,
                GUARANTEE,
                liveRate,
                liveSeconds);
        System.out.println("| classes | window cap | app heap after GC (MB) | app heap / C (KB) | stage B compute (ms) "
                + "| p50 (ms) | p99 (ms) | max (ms) | records covered | scale updates/s |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (ClassFigures f : figures) {
            LiveLatency.Result l = f.latency();
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %d | %.0f | %.1f | %.1f | %d | %d | %d | %d of %d | %.0f |%n",
                    f.classes(),
                    f.cap(),
                    f.appHeap() / 1e6,
                    f.appHeap() / 1e3 / f.classes(),
                    f.computeMillis(),
                    l.percentile(0.5),
                    l.percentile(0.99),
                    l.max(),
                    l.sorted().size(),
                    l.sent(),
                    (double) l.scaleUpdates() / liveSeconds);
        }
        if (figures.size() > 1) {
            ClassFigures first = figures.get(0);
            ClassFigures last = figures.get(figures.size() - 1);
            // The app's fixed heap (Kafka Streams, meters) cancels out: what one more class of full window costs.
            System.out.printf(
                    Locale.ROOT,
                    "marginal heap per class between %d and %d classes: %.1f KB%n",
                    first.classes(),
                    last.classes(),
                    (last.appHeap() - first.appHeap()) / 1e3 / (last.classes() - first.classes()));
        }
    }
}
