package org.semanticscale.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.reliability.harness.AppProcess;
import org.semanticscale.reliability.harness.Configs;
import org.semanticscale.reliability.harness.Figures;
import org.semanticscale.reliability.harness.Logs;
import org.semanticscale.reliability.harness.Profile;
import org.semanticscale.reliability.harness.SampleData;
import org.semanticscale.testkit.Await;
import org.semanticscale.testkit.ChildProcess;
import org.semanticscale.testkit.KafkaIo;
import org.semanticscale.testkit.Pace;
import org.semanticscale.testkit.Scrape;

/**
 * The soak (profile {@code soak} only; {@code -Dreliability.soak.duration=30m} by default): the
 * streams-app at the benchmark load (docs/benchmarks.md: 100 long-tailed classes of 64-d features,
 * 5,000 vectors per second) and the trainer on a steady sample stream, both child JVMs, for the whole
 * duration. Every 15 s both {@code /metrics} are scraped (heap in use, vectors in the windows) and
 * the processes' resident memory read from {@code /proc}. Once the windows are full (the window span
 * plus two minutes), the second half of the run must look like the first: window sizes within 5 %,
 * the heap's floor (its lowest sample, the level after collections) and resident memory within 25 %.
 */
class SoakIT {
    private static final int CLASSES = 100;
    private static final int DIMENSION = 64;
    private static final int FEATURE_RATE = 5_000;
    private static final int SAMPLE_RATE = 200;
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    /** One scrape of both apps. */
    record Point(
            double minutes,
            double streamsHeapMb,
            double windowVectors,
            double classes,
            double streamsRssMb,
            double trainerHeapMb,
            double trainerRssMb,
            double processed,
            double trained) {
        String csv() {
            return String.format(
                    Locale.ROOT,
                    "%.2f,%.1f,%.0f,%.0f,%.1f,%.1f,%.1f,%.0f,%.0f",
                    minutes,
                    streamsHeapMb,
                    windowVectors,
                    classes,
                    streamsRssMb,
                    trainerHeapMb,
                    trainerRssMb,
                    processed,
                    trained);
        }
    }

    @Test
    void shouldKeepHeapAndWindowSizesFlatUnderTheBenchmarkLoad() throws Exception {
        Duration duration = Profile.soakDuration();
        Duration span =
                duration.compareTo(Duration.ofMinutes(30)) >= 0 ? Duration.ofMinutes(10) : duration.dividedBy(3);
        Duration warmUp =
                span.plusMinutes(2).compareTo(duration.dividedBy(2)) < 0 ? span.plusMinutes(2) : duration.dividedBy(2);
        Figures figures = new Figures("soak");
        Path logs = Logs.dir("soak");
        Path csv = Path.of(System.getProperty("ssi.reliability.output", "target/reliability"), "soak.csv");
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Options.defaults().withDataDir(dir.resolve("broker")))) {
            KafkaIo kafka = new KafkaIo(Map.of("bootstrap.servers", broker.bootstrapServers()));
            Map<String, String> s = Configs.streams(broker.bootstrapServers(), "ssi-streams-app", dir.resolve("state"));
            s.put("window.span", span.toSeconds() + "s");
            s.put("scale.interval", "1s");
            ChildProcess streams = AppProcess.configured("streams", "streams", s, dir, logs)
                    .jvm("-Xmx1g")
                    .start();
            Map<String, String> t = Configs.trainer(broker.bootstrapServers(), dir.resolve("checkpoints"));
            t.put("topics.features", "soak.trainer-features"); // the benchmark load alone reaches the windows
            t.put("checkpoint.every-steps", "200");
            ChildProcess trainer = AppProcess.configured("trainer", "train", t, dir, logs)
                    .jvm("-Xmx1g")
                    .start();
            AtomicLong features = new AtomicLong();
            AtomicLong samples = new AtomicLong();
            List<Point> points = new ArrayList<>();
            Thread load = new Thread(() -> load(kafka, duration, features, samples), "soak-load");
            try {
                int streamsPort = AppProcess.metricsPort(streams, 0, Duration.ofSeconds(120));
                int trainerPort = AppProcess.metricsPort(trainer, 0, Duration.ofSeconds(120));
                Await.until(
                        "the streams-app RUNNING",
                        Duration.ofSeconds(120),
                        () -> Scrape.health(streamsPort) == 200,
                        () -> streams.tail(5));
                Files.createDirectories(csv.getParent());
                Files.writeString(
                        csv,
                        "minutes,streams_heap_mb,window_vectors,classes,streams_rss_mb,trainer_heap_mb,trainer_rss_mb,"
                                + "processed,trained\n",
                        StandardCharsets.UTF_8);
                long start = System.nanoTime();
                load.start();
                while (load.isAlive()) {
                    Thread.sleep(SAMPLE_EVERY.toMillis());
                    assertTrue(streams.isAlive() && trainer.isAlive(), "both apps run");
                    Scrape a = Scrape.of(streamsPort);
                    Scrape b = Scrape.of(trainerPort);
                    Point p = new Point(
                            (System.nanoTime() - start) / 6e10,
                            a.sum("jvm_memory_used_bytes", "area=\"heap\"") / 1e6,
                            a.sum("ssi_window_vectors", null),
                            a.series("ssi_window_vectors"),
                            rssMb(streams.pid()),
                            b.sum("jvm_memory_used_bytes", "area=\"heap\"") / 1e6,
                            rssMb(trainer.pid()),
                            a.value("ssi_records_processed_total{view=\"model\"}"),
                            b.value("ssi_trainer_samples_total"));
                    points.add(p);
                    Files.writeString(csv, p.csv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                }
                // The apps keep up: everything sent is processed and trained within a minute of the end.
                Await.until(
                        "the streams-app to catch up",
                        Duration.ofSeconds(60),
                        () -> Scrape.of(streamsPort).value("ssi_records_processed_total{view=\"model\"}")
                                >= features.get(),
                        () -> streams.tail(5));
                Await.until(
                        "the trainer to catch up",
                        Duration.ofSeconds(60),
                        () -> Scrape.of(trainerPort).value("ssi_trainer_samples_total") >= samples.get(),
                        () -> trainer.tail(5));

                double warm = warmUp.toSeconds() / 60.0;
                List<Point> settled =
                        points.stream().filter(p -> p.minutes() >= warm).toList();
                assertTrue(settled.size() >= 4, "samples after the warm-up: " + settled.size());
                List<Point> first = settled.subList(0, settled.size() / 2);
                List<Point> second = settled.subList(settled.size() / 2, settled.size());
                double windowsFirst = mean(first, Point::windowVectors);
                double windowsSecond = mean(second, Point::windowVectors);
                double heapFloorFirst = min(first, Point::streamsHeapMb);
                double heapFloorSecond = min(second, Point::streamsHeapMb);
                double trainerFloorFirst = min(first, Point::trainerHeapMb);
                double trainerFloorSecond = min(second, Point::trainerHeapMb);
                double rssFirst = max(first, Point::streamsRssMb);
                double rssSecond = max(second, Point::streamsRssMb);
                double trainerRssFirst = max(first, Point::trainerRssMb);
                double trainerRssSecond = max(second, Point::trainerRssMb);
                figures.put("duration, min", duration.toMinutes())
                        .put("window span", span.toSeconds() + " s")
                        .put("feature vectors sent", features.get())
                        .put("samples sent", samples.get())
                        .put("scrapes", points.size())
                        .put("classes with a window", (long)
                                points.get(points.size() - 1).classes())
                        .put(
                                "vectors in the windows, first / second half",
                                String.format(Locale.ROOT, "%.0f / %.0f", windowsFirst, windowsSecond))
                        .put(
                                "streams-app heap floor, MB, first / second half",
                                String.format(Locale.ROOT, "%.0f / %.0f", heapFloorFirst, heapFloorSecond))
                        .put(
                                "streams-app resident, MB, first / second half",
                                String.format(Locale.ROOT, "%.0f / %.0f", rssFirst, rssSecond))
                        .put(
                                "trainer heap floor, MB, first / second half",
                                String.format(Locale.ROOT, "%.0f / %.0f", trainerFloorFirst, trainerFloorSecond))
                        .put(
                                "trainer resident, MB, first / second half",
                                String.format(Locale.ROOT, "%.0f / %.0f", trainerRssFirst, trainerRssSecond))
                        .put("series", csv.toString());
                assertTrue(
                        Math.abs(windowsSecond - windowsFirst) <= 0.05 * windowsFirst,
                        "window sizes flat: " + windowsFirst + " -> " + windowsSecond);
                assertTrue(
                        heapFloorSecond <= 1.25 * heapFloorFirst + 32,
                        "streams-app heap flat: " + heapFloorFirst + " -> " + heapFloorSecond);
                assertTrue(
                        trainerFloorSecond <= 1.25 * trainerFloorFirst + 32,
                        "trainer heap flat: " + trainerFloorFirst + " -> " + trainerFloorSecond);
                assertTrue(
                        rssSecond <= 1.25 * rssFirst + 64,
                        "streams-app resident memory flat: " + rssFirst + " -> " + rssSecond);
                assertTrue(
                        trainerRssSecond <= 1.25 * trainerRssFirst + 64,
                        "trainer resident memory flat: " + trainerRssFirst + " -> " + trainerRssSecond);
                assertEquals(
                        0,
                        kafka.endOffsets("ssi.dead-letters").values().stream()
                                .mapToLong(Long::longValue)
                                .sum(),
                        "no dead letters");
            } finally {
                load.interrupt();
                streams.close();
                trainer.close();
                figures.write();
            }
        }
    }

    /** The benchmark's features at FEATURE_RATE and samples at SAMPLE_RATE, for {@code duration}. */
    private static void load(KafkaIo kafka, Duration duration, AtomicLong features, AtomicLong samples) {
        Random r = new Random(7);
        double[] cumulative = new double[CLASSES];
        double sum = 0;
        for (int i = 0; i < CLASSES; i++) {
            sum += Math.pow(100, -(double) i / (CLASSES - 1));
            cumulative[i] = sum;
        }
        float[][] centres = new float[CLASSES][DIMENSION];
        for (float[] c : centres) {
            for (int k = 0; k < DIMENSION; k++) {
                c[k] = (float) (3 * r.nextGaussian());
            }
        }
        List<SampleData.Sample> pool = SampleData.samples(10_000, 8, "unused-", 3);
        Pace pace = Pace.start(FEATURE_RATE);
        long end = System.nanoTime() + duration.toNanos();
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            long n = 0;
            while (System.nanoTime() < end) {
                pace.awaitTurn(n);
                double u = r.nextDouble() * sum;
                int c = 0;
                while (cumulative[c] < u) {
                    c++;
                }
                float[] v = new float[DIMENSION];
                for (int k = 0; k < DIMENSION; k++) {
                    v[k] = (float) (centres[c][k] + r.nextGaussian());
                }
                String label = Integer.toString(c);
                producer.send(new ProducerRecord<>(
                        "ssi.features",
                        label.getBytes(StandardCharsets.UTF_8),
                        BinaryRecords.encode(new FeatureVector(label, v, 1, ""))));
                features.incrementAndGet();
                if (n % (FEATURE_RATE / SAMPLE_RATE) == 0) {
                    long id = samples.getAndIncrement();
                    SampleData.Sample base = pool.get((int) (id % pool.size()));
                    producer.send(new SampleData.Sample("soak-" + id, base.label(), base.data()).record("ssi.samples"));
                }
                n++;
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Resident memory of a process in MB, from /proc (NaN where there is no /proc). */
    private static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static double mean(List<Point> points, ToDoubleFunction<Point> f) {
        return points.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static double min(List<Point> points, ToDoubleFunction<Point> f) {
        return points.stream().mapToDouble(f).min().orElse(Double.NaN);
    }

    private static double max(List<Point> points, ToDoubleFunction<Point> f) {
        return points.stream().mapToDouble(f).max().orElse(Double.NaN);
    }
}
