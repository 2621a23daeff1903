package org.semanticscale.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.reliability.harness.AppProcess;
import org.semanticscale.reliability.harness.Configs;
import org.semanticscale.reliability.harness.Figures;
import org.semanticscale.reliability.harness.Logs;
import org.semanticscale.reliability.harness.Profile;
import org.semanticscale.reliability.harness.SampleData;
import org.semanticscale.reliability.harness.Scales;
import org.semanticscale.testkit.Await;
import org.semanticscale.testkit.ChildProcess;
import org.semanticscale.testkit.KafkaIo;
import org.semanticscale.testkit.Scrape;
import org.semanticscale.trainer.checkpoint.TrainedLedger;

/**
 * The broker (in this JVM) stopped and started again on the same data directory and port while both
 * apps run as child JVMs and samples keep coming: both apps carry on by themselves, and every sample
 * is trained once and counted once in the streams-app's windows.
 */
class BrokerRestartIT {
    private static final int DIMENSION = 8;

    @TempDir
    Path dir;

    @Test
    void shouldRecoverBothAppsWithoutOperatorActionWhenTheBrokerRestarts() throws Exception {
        int samples = Profile.pick(3_000, 30_000);
        int restarts = Profile.pick(1, 3);
        Duration down = Duration.ofSeconds(Profile.pick(5, 20));
        double rate = Profile.pick(250, 500);
        Figures figures = new Figures("broker-restart");
        Path logs = Logs.dir("broker-restart");
        int port = EmbeddedKafkaBroker.freePort();
        EmbeddedKafkaBroker.Options options =
                EmbeddedKafkaBroker.Options.defaults().withPort(port).withDataDir(dir.resolve("broker"));
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options);
        KafkaIo kafka = new KafkaIo(Map.of("bootstrap.servers", broker.bootstrapServers()));

        // 1. Both apps, wired as in production: the trainer publishes features, the streams-app scales them.
        Map<String, String> s = Configs.streams(broker.bootstrapServers(), "ssi-streams-app", dir.resolve("state"));
        s.put("window.span", "1h");
        s.put("window.max-per-class", "100000"); // every feature stays in its window: the windows count them
        ChildProcess streams =
                AppProcess.configured("streams", "streams", s, dir, logs).start();
        Map<String, String> t = Configs.trainer(broker.bootstrapServers(), dir.resolve("checkpoints"));
        ChildProcess trainer =
                AppProcess.configured("trainer", "train", t, dir, logs).start();
        List<SampleData.Sample> all = SampleData.samples(samples, DIMENSION, "b-", 31);
        AtomicLong sent = new AtomicLong();
        AtomicLong handed = new AtomicLong();
        Thread producer = new Thread(
                () -> kafka.sendAtRate(SampleData.records(all, "ssi.samples"), rate, handed, sent), "samples");
        try {
            int streamsPort = AppProcess.metricsPort(streams, 0, Duration.ofSeconds(90));
            int trainerPort = AppProcess.metricsPort(trainer, 0, Duration.ofSeconds(90));
            Await.until(
                    "the streams-app to be RUNNING",
                    Duration.ofSeconds(120),
                    () -> Scrape.health(streamsPort) == 200,
                    () -> streams.tail(10));
            producer.start();

            List<Double> stopSeconds = new ArrayList<>();
            List<Double> startSeconds = new ArrayList<>();
            List<Double> trainerBack = new ArrayList<>();
            List<Double> streamsBack = new ArrayList<>();
            for (int r = 1; r <= restarts; r++) {
                // 2. Stop the broker when a share of the samples is trained and the streams-app has processed features.
                long target = (long) samples * r / (restarts + 1);
                Await.until(
                        "the trainer to pass " + target + " samples",
                        Duration.ofSeconds(180),
                        () -> Scrape.valueAt(trainerPort, "ssi_trainer_samples_total") >= target,
                        () -> trainer.tail(10));
                double trainedBefore = Scrape.valueAt(trainerPort, "ssi_trainer_samples_total");
                double processedBefore = Scrape.valueAt(streamsPort, "ssi_records_processed_total{view=\"model\"}");
                long t0 = System.nanoTime();
                broker.close();
                stopSeconds.add((System.nanoTime() - t0) / 1e9);
                Thread.sleep(down.toMillis());

                // 3. The same data directory and port; nobody touches the apps.
                t0 = System.nanoTime();
                broker = EmbeddedKafkaBroker.start(options);
                startSeconds.add((System.nanoTime() - t0) / 1e9);
                // 4. Time to catch up: the trainer has trained every sample handed to the producer up to now
                //    (those sent during the outage were held by the producer), and the streams-app has
                //    processed every feature the trainer published by then.
                long restarted = System.nanoTime();
                long backlog = handed.get();
                Await.until(
                        "the trainer to catch up with " + backlog + " samples",
                        Duration.ofSeconds(180),
                        () -> Scrape.valueAt(trainerPort, "ssi_trainer_samples_total") >= backlog,
                        () -> trainer.tail(10));
                trainerBack.add((System.nanoTime() - restarted) / 1e9);
                double published = Scrape.valueAt(trainerPort, "ssi_trainer_features_published_total");
                Await.until(
                        "the streams-app to catch up with " + published + " features",
                        Duration.ofSeconds(180),
                        () -> Scrape.valueAt(streamsPort, "ssi_records_processed_total{view=\"model\"}") >= published
                                && Scrape.health(streamsPort) == 200,
                        () -> streams.tail(10));
                streamsBack.add((System.nanoTime() - restarted) / 1e9);
                assertTrue(trainedBefore > 0 && processedBefore > 0, "both apps were working before the restart");
                assertTrue(streams.isAlive() && trainer.isAlive(), "both apps still run");
            }
            producer.join(600_000);
            assertEquals(samples, sent.get(), "every sample was acknowledged by the broker");

            // 4. Nothing lost: every sample trained (the model's count), and each class's window holds one
            //    feature per trained sample of that class.
            Await.until(
                    "all samples trained",
                    Duration.ofSeconds(180),
                    () -> Scrape.valueAt(trainerPort, "ssi_trainer_samples_total") >= samples,
                    () -> trainer.tail(10));
            Map<String, Long> perClass = new TreeMap<>();
            all.forEach(x -> perClass.merge(x.label(), 1L, Long::sum));
            Map<String, Long> windows = new TreeMap<>();
            Await.until(
                    "every feature counted in the windows",
                    Duration.ofSeconds(120),
                    () -> {
                        windows.clear();
                        Scales.latest(kafka.readCommitted("ssi.scales", Duration.ofSeconds(30)))
                                .forEach((l, rec) -> windows.put(l, rec.n()));
                        return windows.equals(perClass);
                    },
                    () -> "windows " + windows + ", expected " + perClass);
            assertEquals(
                    samples,
                    (long) Scrape.valueAt(trainerPort, "ssi_trainer_samples_total"),
                    "no sample trained twice");

            // 5. The features topic holds exactly one vector per sample; the final checkpoint's ledger is that of the
            // ids sent.
            List<ConsumerRecord<byte[], byte[]>> features = kafka.readCommitted("ssi.features", Duration.ofSeconds(60));
            Map<String, Integer> perSample = new HashMap<>();
            features.forEach(
                    f -> perSample.merge(BinaryRecords.decodeFeature(f.value()).sampleId(), 1, Integer::sum));
            assertEquals(samples, perSample.size(), "a feature for every sample");
            assertEquals(samples, features.size(), "no feature twice");
            int mark = trainer.logLength();
            int status = trainer.stop(Duration.ofSeconds(120));
            assertTrue(status == 0 || status == 143, "trainer status " + status);
            trainer.awaitLog("training stopped at step", mark, Duration.ofSeconds(5));
            Properties checkpoint =
                    TrainerCrashIT.metadata(TrainerCrashIT.newestCheckpoint(dir.resolve("checkpoints")));
            TrainedLedger expected = TrainedLedger.of(SampleData.ids(all));
            assertEquals(expected.count(), Long.parseLong(checkpoint.getProperty("ledger.count")));
            assertEquals(expected.digest(), Long.parseUnsignedLong(checkpoint.getProperty("ledger.digest"), 16));
            Map<String, ScaleRecord> scales = Scales.latest(kafka.readCommitted("ssi.scales", Duration.ofSeconds(30)));
            figures.put("samples sent", samples)
                    .put("broker restarts", restarts)
                    .put("broker down, s", down.toSeconds())
                    .put("broker stop, s", stopSeconds)
                    .put("broker start, s", startSeconds)
                    .put("broker ready to trainer caught up with the samples sent so far, s", trainerBack)
                    .put("broker ready to streams-app caught up with the trainer's features, s", streamsBack)
                    .put("samples trained (ledger)", checkpoint.getProperty("ledger.count"))
                    .put("features published", features.size())
                    .put(
                            "vectors in the windows",
                            windows.values().stream().mapToLong(Long::longValue).sum())
                    .put(
                            "classes with a scale",
                            scales.values().stream()
                                    .filter(ScaleRecord::hasScale)
                                    .count())
                    .put("operator actions", 0);
        } finally {
            producer.interrupt();
            streams.close();
            trainer.close();
            broker.close();
            figures.write();
        }
    }
}
