package org.semanticscale.benchmarks.streams;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.semanticscale.streams.StreamsApp;
import org.semanticscale.streams.StreamsAppConfig;

/**
 * The streams-app benchmark (issue 3; the input view's cost, issue 15), all figures from one run against a broker
 * in its own JVM:
 * <ol>
 *   <li>sustained throughput of the app and of a pass-through topology (read and write the same
 *       records, same processing guarantee) over the same long-tailed stream of d = 64 features of 100
 *       classes, alternating, median of {@code rounds};</li>
 *   <li>latency from producing a vector to its class's scale being published (p50, p99), live at a fixed rate;</li>
 *   <li>heap used with 100 classes x 2048 x 64-d windows full.</li>
 * </ol>
 * Usage: {@code benchmarks/run-streams.sh [records] [rounds] [partitions] [guarantee] [features|samples]}.
 *
 * <p>With {@code samples} the stream is labelled samples of 784 float32 values ({@link PixelSamples}) on the
 * samples topic instead: the app's input view projects each to 256-d and windows it, against a pass-through of
 * the same records; each round also runs the app with the other projection ({@code input.projection}). No
 * latency or heap phase.
 */
public final class StreamsThroughputHarness {
    static final int CLASSES = 100;
    static final int DIMENSION = 64;
    static final int WARMUP_RECORDS = 200_000;
    /** Warm-up records in the samples mode: 20,000 samples are 64 MB, as many bytes as 235,000 features. */
    static final int WARMUP_SAMPLES = 20_000;

    private StreamsThroughputHarness() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String guarantee = args.length > 3 ? args[3] : "exactly_once_v2";
        String input = args.length > 4 ? args[4] : "features";
        if (input.equals("samples")) {
            samples(records, rounds, partitions, guarantee);
            return;
        }
        if (!input.equals("features")) {
            throw new IllegalArgumentException("the fifth argument is features or samples, not " + input);
        }
        LongTailFeatures features = new LongTailFeatures(CLASSES, DIMENSION, 100, 7);
        try (BrokerProcess broker = BrokerProcess.start()) {
            String bootstrap = broker.bootstrapServers();
            ConsumptionClock clock = new ConsumptionClock(bootstrap);
            double seconds = Rounds.produceTopics(
                    bootstrap,
                    clock,
                    partitions,
                    features::produce,
                    "bench.features",
                    records,
                    "bench.warmup",
                    WARMUP_RECORDS);
            System.out.printf(Locale.ROOT, "produced %d records in %.1f s%n", records, seconds);
            List<Rounds.Pass<Double>> passes = List.of(
                    new Rounds.Pass<>(
                            "pass-through",
                            topic -> BenchApps.passThrough(bootstrap, clock, topic, guarantee, partitions)),
                    new Rounds.Pass<>(
                            "ssi streams-app", topic -> ssiApp(bootstrap, clock, topic, guarantee, partitions)));
            List<List<Double>> rates =
                    Rounds.alternate(passes, "bench.warmup", "bench.features", rounds, printRates(passes));
            double passMedian = Percentiles.median(rates.get(0));
            double ssiMedian = Percentiles.median(rates.get(1));
            System.out.printf(
                    Locale.ROOT,
                    "THROUGHPUT %s, %d partition(s), %d records: pass-through median %.0f/s, "
                            + "streams-app median %.0f/s, ratio %.2f%n",
                    guarantee,
                    partitions,
                    records,
                    passMedian,
                    ssiMedian,
                    ssiMedian / passMedian);
            latencyAndHeap(bootstrap, features, guarantee, partitions);
            clock.close();
        }
    }

    /**
     * Prints a round's first two rates (pass-through, app) as the harness always has, and any further ones on
     * lines of their own, by name.
     */
    private static Rounds.RoundReport<Double> printRates(List<Rounds.Pass<Double>> passes) {
        return (round, rates) -> {
            System.out.printf(
                    Locale.ROOT,
                    "round %d: pass-through %.0f records/s, ssi streams-app %.0f records/s%n",
                    round + 1,
                    rates.get(0),
                    rates.get(1));
            for (int i = 2; i < passes.size(); i++) {
                System.out.printf(
                        Locale.ROOT,
                        "round %d: %s %.0f records/s%n",
                        round + 1,
                        passes.get(i).name(),
                        rates.get(i));
            }
        };
    }

    /**
     * The input view's cost: labelled samples (784 float32) on the samples topic, read by a pass-through and by the
     * app (default settings: the sparse projection to 256-d, windows of 2048), then by the app with the Gaussian
     * projection, alternating; medians of {@code rounds} and their ratios.
     */
    static void samples(int records, int rounds, int partitions, String guarantee) throws Exception {
        PixelSamples samples = PixelSamples.load();
        try (BrokerProcess broker = BrokerProcess.start()) {
            String bootstrap = broker.bootstrapServers();
            ConsumptionClock clock = new ConsumptionClock(bootstrap);
            double seconds = Rounds.produceTopics(
                    bootstrap,
                    clock,
                    partitions,
                    samples::produce,
                    "bench.samples",
                    records,
                    "bench.samples-warmup",
                    WARMUP_SAMPLES);
            System.out.printf(Locale.ROOT, "produced %d samples in %.1f s: %s%n", records, seconds, samples.source());
            List<Rounds.Pass<Double>> passes = List.of(
                    new Rounds.Pass<>(
                            "pass-through",
                            topic -> BenchApps.passThrough(bootstrap, clock, topic, guarantee, partitions)),
                    new Rounds.Pass<>(
                            "ssi streams-app",
                            topic -> ssiAppOnSamples(bootstrap, clock, topic, guarantee, partitions, "sparse")),
                    new Rounds.Pass<>(
                            "ssi streams-app with input.projection=gaussian",
                            topic -> ssiAppOnSamples(bootstrap, clock, topic, guarantee, partitions, "gaussian")));
            List<List<Double>> rates =
                    Rounds.alternate(passes, "bench.samples-warmup", "bench.samples", rounds, printRates(passes));
            double passMedian = Percentiles.median(rates.get(0));
            double ssiMedian = Percentiles.median(rates.get(1));
            double gaussianMedian = Percentiles.median(rates.get(2));
            System.out.printf(
                    Locale.ROOT,
                    "THROUGHPUT samples (784 float32), %s, %d partition(s), %d records: pass-through median %.0f/s, "
                            + "streams-app median %.0f/s (sparse projection), ratio %.2f; "
                            + "with the gaussian projection %.0f/s, ratio %.2f%n",
                    guarantee,
                    partitions,
                    records,
                    passMedian,
                    ssiMedian,
                    ssiMedian / passMedian,
                    gaussianMedian,
                    gaussianMedian / passMedian);
            clock.close();
        }
    }

    /** The app reading labelled samples: its input view does the work, its model view reads an empty topic. */
    static double ssiAppOnSamples(
            String bootstrap, ConsumptionClock clock, String topic, String guarantee, int partitions, String projection)
            throws Exception {
        String id = "bench-ssi-samples-" + System.nanoTime();
        Map<String, String> settings =
                BenchApps.appSettings(bootstrap, id, "bench.features-unused." + id, guarantee, partitions);
        settings.put("topics.samples", topic);
        settings.put("topics.input-scales", "bench.input-scales." + id);
        settings.put("input.projection", projection);
        try (StreamsApp app = StreamsApp.start(StreamsAppConfig.of(settings))) {
            return clock.recordsPerSecond(id, topic, 600);
        }
    }

    static double ssiApp(String bootstrap, ConsumptionClock clock, String topic, String guarantee, int partitions)
            throws Exception {
        String id = "bench-ssi-" + System.nanoTime();
        try (StreamsApp app = StreamsApp.start(appConfig(bootstrap, id, topic, guarantee, partitions))) {
            return clock.recordsPerSecond(id, topic, 600);
        }
    }

    static StreamsAppConfig appConfig(String bootstrap, String id, String topic, String guarantee, int partitions)
            throws Exception {
        return StreamsAppConfig.of(BenchApps.appSettings(bootstrap, id, topic, guarantee, partitions));
    }

    /**
     * Fills every class window (2048 vectors of each of 100 classes), reads the heap after a GC, then measures the
     * produce-to-scale latency live at 5,000 records/s for 30 s ({@link LiveLatency}).
     */
    static void latencyAndHeap(String bootstrap, LongTailFeatures features, String guarantee, int partitions)
            throws Exception {
        String id = "bench-live-" + System.nanoTime();
        String topic = "bench.live." + id;
        StreamsAppConfig config = appConfig(bootstrap, id, topic, guarantee, partitions);
        long heapBefore = FullWindows.heapUsedAfterGc();
        try (StreamsApp app = StreamsApp.start(config);
                KafkaProducer<byte[], byte[]> producer = LongTailFeatures.producer(bootstrap)) {
            app.awaitRunning(Duration.ofSeconds(60));
            FullWindows.fill(app, features, producer, topic, 2100, 120_000);
            long heapFull = FullWindows.heapUsedAfterGc();
            System.out.printf(
                    Locale.ROOT,
                    "HEAP with %d classes x 2048 x %d-d windows: %.0f MB used by the JVM after GC "
                            + "(%.0f MB before the app started, so the app holds about %.0f MB)%n",
                    CLASSES,
                    DIMENSION,
                    heapFull / 1e6,
                    heapBefore / 1e6,
                    (heapFull - heapBefore) / 1e6);
            int rate = 5_000;
            LiveLatency.Result latency =
                    LiveLatency.measure(bootstrap, config.scalesTopic(), producer, topic, features, rate, 30, 4);
            System.out.printf(
                    Locale.ROOT,
                    "LATENCY produce -> published scale at %d records/s for 30 s: %s%n",
                    rate,
                    latency.summary());
        }
    }
}
