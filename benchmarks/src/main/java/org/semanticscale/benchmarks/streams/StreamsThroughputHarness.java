package org.semanticscale.benchmarks.streams;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.scaletopic.ScaleSnapshot;
import org.semanticscale.scaletopic.ScaleView;
import org.semanticscale.streams.StreamsApp;
import org.semanticscale.streams.StreamsAppConfig;
import org.semanticscale.streams.View;

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
    static final int WARMUP_PASSES = 3;
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
            double seconds = produceTopics(
                    bootstrap,
                    clock,
                    partitions,
                    features::produce,
                    "bench.features",
                    records,
                    "bench.warmup",
                    WARMUP_RECORDS);
            System.out.printf(Locale.ROOT, "produced %d records in %.1f s%n", records, seconds);
            List<List<Double>> rates = alternate(
                    List.of(
                            new Pass(
                                    "pass-through",
                                    topic -> passThrough(bootstrap, clock, topic, guarantee, partitions)),
                            new Pass(
                                    "ssi streams-app",
                                    topic -> ssiApp(bootstrap, clock, topic, guarantee, partitions))),
                    "bench.warmup",
                    "bench.features",
                    rounds);
            double passMedian = median(rates.get(0));
            double ssiMedian = median(rates.get(1));
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

    /** {@code n} records of one kind produced to a topic from a seed. */
    @FunctionalInterface
    interface RecordSource {
        void produce(KafkaProducer<byte[], byte[]> producer, String topic, int n, long seed);
    }

    /** One topology reading a topic from the start, giving its rate in records per second; named for the report. */
    record Pass(String name, Rate rate) {}

    @FunctionalInterface
    interface Rate {
        double of(String topic) throws Exception;
    }

    /** Creates the measured and the warm-up topic and fills them; returns the seconds the measured records took. */
    static double produceTopics(
            String bootstrap,
            ConsumptionClock clock,
            int partitions,
            RecordSource source,
            String topic,
            int records,
            String warmupTopic,
            int warmupRecords)
            throws Exception {
        clock.admin()
                .createTopics(List.of(
                        new NewTopic(topic, partitions, (short) 1), new NewTopic(warmupTopic, partitions, (short) 1)))
                .all()
                .get();
        try (KafkaProducer<byte[], byte[]> producer = LongTailFeatures.producer(bootstrap)) {
            long t0 = System.nanoTime();
            source.produce(producer, topic, records, 1);
            double seconds = (System.nanoTime() - t0) / 1e9;
            source.produce(producer, warmupTopic, warmupRecords, 2);
            return seconds;
        }
    }

    /**
     * Warms the JIT on every pass first ({@value #WARMUP_PASSES} times over the warm-up topic; docs/benchmarks.md,
     * 'Anchors': a fresh JVM is about 30 % slower, and with one 50,000-record pass each, both topologies still
     * sped up by 2x over the next four rounds), then runs the passes in turn over the topic, {@code rounds} times,
     * printing each round's first two rates (pass-through, app) as the harness always has and any further ones on
     * lines of their own, by name. Returns each pass's rates, round by round.
     */
    static List<List<Double>> alternate(List<Pass> passes, String warmupTopic, String topic, int rounds)
            throws Exception {
        for (int warm = 0; warm < WARMUP_PASSES; warm++) {
            for (Pass p : passes) {
                p.rate().of(warmupTopic);
            }
        }
        List<List<Double>> rates = new ArrayList<>();
        passes.forEach(p -> rates.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < passes.size(); i++) {
                rates.get(i).add(passes.get(i).rate().of(topic));
            }
            System.out.printf(
                    Locale.ROOT,
                    "round %d: pass-through %.0f records/s, ssi streams-app %.0f records/s%n",
                    round + 1,
                    rates.get(0).get(round),
                    rates.get(1).get(round));
            for (int i = 2; i < passes.size(); i++) {
                System.out.printf(
                        Locale.ROOT,
                        "round %d: %s %.0f records/s%n",
                        round + 1,
                        passes.get(i).name(),
                        rates.get(i).get(round));
            }
        }
        return rates;
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
            double seconds = produceTopics(
                    bootstrap,
                    clock,
                    partitions,
                    samples::produce,
                    "bench.samples",
                    records,
                    "bench.samples-warmup",
                    WARMUP_SAMPLES);
            System.out.printf(Locale.ROOT, "produced %d samples in %.1f s: %s%n", records, seconds, samples.source());
            List<List<Double>> rates = alternate(
                    List.of(
                            new Pass(
                                    "pass-through",
                                    topic -> passThrough(bootstrap, clock, topic, guarantee, partitions)),
                            new Pass(
                                    "ssi streams-app",
                                    topic -> ssiAppOnSamples(bootstrap, clock, topic, guarantee, partitions, "sparse")),
                            new Pass(
                                    "ssi streams-app with input.projection=gaussian",
                                    topic -> ssiAppOnSamples(
                                            bootstrap, clock, topic, guarantee, partitions, "gaussian"))),
                    "bench.samples-warmup",
                    "bench.samples",
                    rounds);
            double passMedian = median(rates.get(0));
            double ssiMedian = median(rates.get(1));
            double gaussianMedian = median(rates.get(2));
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
        Map<String, String> settings = appSettings(bootstrap, id, "bench.features-unused." + id, guarantee, partitions);
        settings.put("topics.samples", topic);
        settings.put("topics.input-scales", "bench.input-scales." + id);
        settings.put("input.projection", projection);
        try (StreamsApp app = StreamsApp.start(StreamsAppConfig.of(settings))) {
            return clock.recordsPerSecond(id, topic, 600);
        }
    }

    /** A topology that reads the records and writes them unchanged: the ceiling for any app on this stream. */
    static double passThrough(String bootstrap, ConsumptionClock clock, String topic, String guarantee, int partitions)
            throws Exception {
        String id = "bench-pass-" + System.nanoTime();
        StreamsBuilder b = new StreamsBuilder();
        b.stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(topic + ".copy." + id, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        clock.admin()
                .createTopics(List.of(new NewTopic(topic + ".copy." + id, partitions, (short) 1)))
                .all()
                .get();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        p.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("bench-pass").toString());
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 262_144);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        try (KafkaStreams streams = new KafkaStreams(b.build(), p)) {
            streams.start();
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
        return StreamsAppConfig.of(appSettings(bootstrap, id, topic, guarantee, partitions));
    }

    /** The app's settings for one pass: its own application id, output topics and state directory. */
    static Map<String, String> appSettings(String bootstrap, String id, String topic, String guarantee, int partitions)
            throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", bootstrap);
        settings.put("application.id", id);
        settings.put("topics.features", topic);
        settings.put("topics.scales", "bench.scales." + id);
        settings.put("topics.alerts", "bench.alerts." + id);
        settings.put("topics.dead-letters", "bench.dead." + id);
        settings.put("topics.partitions", Integer.toString(partitions));
        settings.put("processing.guarantee", guarantee);
        settings.put("state.dir", Files.createTempDirectory("bench-ssi").toString());
        settings.put("metrics.port", "0");
        return settings;
    }

    /**
     * Fills every class window (2048 vectors of each of 100 classes), reads the heap after a GC, then
     * produces at a fixed rate for 30 s and measures, for every record produced, the time from its
     * producer timestamp to the arrival of the first scale record of its class whose window includes
     * it ({@code windowEnd} at or after the timestamp). Records produced early in an interval wait
     * longest: this is the latency a consumer of {@code ssi.scales} sees, not the newest vector's.
     */
    static void latencyAndHeap(String bootstrap, LongTailFeatures features, String guarantee, int partitions)
            throws Exception {
        String id = "bench-live-" + System.nanoTime();
        String topic = "bench.live." + id;
        StreamsAppConfig config = appConfig(bootstrap, id, topic, guarantee, partitions);
        System.gc();
        long heapBefore =
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        try (StreamsApp app = StreamsApp.start(config);
                KafkaProducer<byte[], byte[]> producer = LongTailFeatures.producer(bootstrap)) {
            app.awaitRunning(Duration.ofSeconds(60));
            features.produceBalanced(producer, topic, 2100, 3);
            long deadline = System.currentTimeMillis() + 120_000;
            while (app.metrics().view(View.MODEL).processed() < 2100L * CLASSES
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(3000);
            System.gc();
            Thread.sleep(500);
            System.gc();
            long heapFull =
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf(
                    Locale.ROOT,
                    "HEAP with %d classes x 2048 x %d-d windows: %.0f MB used by the JVM after GC "
                            + "(%.0f MB before the app started, so the app holds about %.0f MB)%n",
                    CLASSES,
                    DIMENSION,
                    heapFull / 1e6,
                    heapBefore / 1e6,
                    (heapFull - heapBefore) / 1e6);

            Properties kafka = new Properties();
            kafka.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            PendingRecords pending = new PendingRecords();
            try (ScaleView scales = ScaleView.reading(kafka, config.scalesTopic())
                    .optListener((snapshot, labels) -> pending.published(snapshot, labels, System.currentTimeMillis()))
                    .start()) {
                if (!scales.awaitCaughtUp(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("the scales of the fill phase were not read within 60 s");
                }
                long fillUpdates = pending.scaleUpdates();
                Random r = new Random(4);
                int rate = 5_000;
                long start = System.currentTimeMillis();
                long sent = 0;
                while (System.currentTimeMillis() - start < 30_000) {
                    long wait = start + sent * 1000 / rate - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    int cls = features.drawClass(r);
                    long timestamp = System.currentTimeMillis();
                    // Registered before the send, so its scale cannot arrive first.
                    pending.produced(Integer.toString(cls), timestamp);
                    producer.send(new ProducerRecord<>(
                            topic,
                            null,
                            timestamp,
                            Integer.toString(cls).getBytes(StandardCharsets.UTF_8),
                            features.vector(cls, r)));
                    sent++;
                }
                Thread.sleep(5_000); // the last records' scales arrive on the view's thread
                List<Long> latencies = pending.latencies();
                Collections.sort(latencies);
                System.out.printf(
                        Locale.ROOT,
                        "LATENCY produce -> published scale at %d records/s for 30 s: p50 %d ms, p99 %d ms, "
                                + "max %d ms (%d of %d records covered by a published scale, %d scale updates read)%n",
                        rate,
                        percentile(latencies, 0.5),
                        percentile(latencies, 0.99),
                        latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1),
                        latencies.size(),
                        sent,
                        pending.scaleUpdates() - fillUpdates);
            }
        }
    }

    /**
     * Producer timestamps per class not yet covered by a published scale, and the latencies of those
     * that are. The send loop and the scales view's thread both use it.
     */
    static final class PendingRecords {
        private final Map<String, ArrayDeque<Long>> waiting = new HashMap<>();
        private final List<Long> latencies = new ArrayList<>();
        private long scaleUpdates;

        synchronized void produced(String label, long timestamp) {
            waiting.computeIfAbsent(label, k -> new ArrayDeque<>()).addLast(timestamp);
        }

        /** The changed classes' newest scales arrived at {@code arrival}: each covers the records up to its window's end. */
        synchronized void published(ScaleSnapshot snapshot, Set<String> labels, long arrival) {
            for (String label : labels) {
                ScaleRecord s = snapshot.get(label);
                if (s == null) {
                    continue;
                }
                scaleUpdates++;
                ArrayDeque<Long> queue = waiting.get(label);
                while (queue != null && !queue.isEmpty() && queue.peekFirst() <= s.windowEnd()) {
                    latencies.add(arrival - queue.pollFirst());
                }
            }
        }

        synchronized List<Long> latencies() {
            return new ArrayList<>(latencies);
        }

        synchronized long scaleUpdates() {
            return scaleUpdates;
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static long percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
