package org.semanticscale.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.semanticscale.testkit.Scrape;
import org.semanticscale.trainer.checkpoint.TrainedLedger;

/**
 * The trainer ({@code ssi train} in a child JVM) killed with SIGKILL between checkpoints and restarted,
 * while samples keep arriving: every sample id is trained exactly once over the whole run, and each
 * restart resumes the model from the newest checkpoint.
 */
class TrainerCrashIT {
    private static final int DIMENSION = 8;
    private static final int CHECKPOINT_EVERY = 20;

    @TempDir
    Path dir;

    @Test
    void shouldTrainEverySampleExactlyOnceAcrossSigkillsBetweenCheckpoints() throws Exception {
        int samples = Profile.pick(5_000, 40_000);
        int kills = Profile.pick(2, 6);
        double rate = Profile.pick(250, 500);
        Figures figures = new Figures("trainer-sigkill");
        Path logs = Logs.dir("trainer-sigkill");
        Path checkpoints = dir.resolve("checkpoints");
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Options.defaults().withDataDir(dir.resolve("broker")))) {
            KafkaIo kafka = new KafkaIo(Map.of("bootstrap.servers", broker.bootstrapServers()));
            Map<String, String> settings = Configs.trainer(broker.bootstrapServers(), checkpoints);
            settings.put("checkpoint.every-steps", Integer.toString(CHECKPOINT_EVERY));
            // One partition: the checkpoint's offset.0 then covers the whole topic, which the test checks.
            settings.put("topics.partitions", "1");
            ChildProcess.Builder train = AppProcess.configured("trainer", "train", settings, dir, logs);

            // 1. The trainer starts first (it creates the topics), then samples arrive at a steady rate from
            //    another thread, so the kills land in the middle of the stream.
            ChildProcess trainer = train.start();
            int port = AppProcess.metricsPort(trainer, 0, Duration.ofSeconds(90));
            List<SampleData.Sample> all = SampleData.samples(samples, DIMENSION, "s-", 21);
            AtomicLong sent = new AtomicLong();
            Thread producerThread = new Thread(
                    () -> kafka.sendAtRate(SampleData.records(all, "ssi.samples"), rate, sent, new AtomicLong()),
                    "samples");
            producerThread.start();
            List<Long> killedAtSamples = new ArrayList<>();
            List<Long> resumedFromSamples = new ArrayList<>();
            List<Long> retrained = new ArrayList<>();
            List<Double> resumeSeconds = new ArrayList<>();
            try {
                for (int k = 1; k <= kills; k++) {
                    // 2. Kill between checkpoints: once past a share of the stream, and when the step is half-way
                    //    between two checkpoints (a checkpoint every CHECKPOINT_EVERY steps).
                    long target = (long) samples * k / (kills + 1);
                    int p = port;
                    ChildProcess running = trainer;
                    long[] seen = new long[2];
                    Await.until(
                            "the trainer to pass " + target + " samples half-way between checkpoints",
                            Duration.ofSeconds(180),
                            () -> {
                                Scrape s = Scrape.tryOf(p);
                                if (s == null) {
                                    return false;
                                }
                                seen[0] = (long) s.value("ssi_trainer_samples_total");
                                seen[1] = (long) s.first("ssi_trainer_step_steps", "ssi_trainer_step");
                                long sinceCheckpoint = seen[1] % CHECKPOINT_EVERY;
                                return seen[0] >= target
                                        && sinceCheckpoint >= CHECKPOINT_EVERY / 4
                                        && sinceCheckpoint <= 3 * CHECKPOINT_EVERY / 4;
                            },
                            () -> running.tail(10));
                    Path newest = newestCheckpoint(checkpoints);
                    trainer.kill();
                    Properties before = metadata(newestCheckpoint(checkpoints));
                    killedAtSamples.add(seen[0]);

                    // 3. Restart: the trainer says it resumes from the newest checkpoint, with that checkpoint's
                    //    step and samples; what it trained after that checkpoint is trained again.
                    int mark = trainer.logLength();
                    trainer = train.start();
                    ChildProcess restarted = trainer;
                    Matcher resumed = restarted.awaitLog(
                            "resuming from the checkpoint of step (\\d+) in .*?: (\\d+) samples trained",
                            mark,
                            Duration.ofSeconds(120));
                    assertEquals(before.getProperty("step"), resumed.group(1), "resumes from the newest checkpoint");
                    assertEquals(before.getProperty("samples.trained"), resumed.group(2));
                    assertTrue(newest == null || Long.parseLong(before.getProperty("step")) >= stepOf(newest));
                    long fromSamples = Long.parseLong(resumed.group(2));
                    resumedFromSamples.add(fromSamples);
                    retrained.add(seen[0] - fromSamples);
                    port = AppProcess.metricsPort(restarted, mark, Duration.ofSeconds(60));
                    int q = port;
                    Await.until(
                            "the restarted trainer to train past its checkpoint",
                            Duration.ofSeconds(120),
                            () -> Scrape.valueAt(q, "ssi_trainer_samples_total") > fromSamples,
                            () -> restarted.tail(10));
                    resumeSeconds.add(restarted.uptimeSeconds());
                }
                producerThread.join(600_000);
                assertEquals(samples, sent.get(), "every sample was sent");

                // 4. The last trainer trains the rest; a SIGTERM then writes a last checkpoint and exits 0.
                int p = port;
                ChildProcess last = trainer;
                Await.until(
                        "all " + samples + " samples trained",
                        Duration.ofSeconds(180),
                        () -> Scrape.valueAt(p, "ssi_trainer_samples_total") >= samples,
                        () -> last.tail(10));
                assertEquals(
                        samples,
                        (long) Scrape.of(port).value("ssi_trainer_samples_total"),
                        "samples trained, counted by the model");
                int mark = trainer.logLength();
                int status = trainer.stop(Duration.ofSeconds(120));
                assertTrue(status == 0 || status == 143, "a clean stop after SIGTERM, status " + status);
                trainer.awaitLog("training stopped at step", mark, Duration.ofSeconds(5));

                // 5. The ledger of the final checkpoint: count and digest equal those of every id sent, once.
                Properties finalCheckpoint = metadata(newestCheckpoint(checkpoints));
                TrainedLedger expected = TrainedLedger.of(SampleData.ids(all));
                assertEquals(
                        expected.count(),
                        Long.parseLong(finalCheckpoint.getProperty("ledger.count")),
                        "samples in the ledger");
                assertEquals(
                        expected.digest(),
                        Long.parseUnsignedLong(finalCheckpoint.getProperty("ledger.digest"), 16),
                        "ledger digest: each sample id trained exactly once");
                assertEquals(
                        Long.toString(samples),
                        finalCheckpoint.getProperty("offset.0"),
                        "the checkpoint covers the whole topic");

                // 6. Features are published at least once: those of the samples trained again appear twice.
                List<ConsumerRecord<byte[], byte[]>> features =
                        kafka.readCommitted("ssi.features", Duration.ofSeconds(60));
                Map<String, Integer> perSample = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> r : features) {
                    FeatureVector v = BinaryRecords.decodeFeature(r.value());
                    perSample.merge(v.sampleId(), 1, Integer::sum);
                }
                assertEquals(samples, perSample.size(), "a feature vector for every sample");
                long twice = perSample.values().stream().filter(c -> c > 1).count();
                figures.put("samples sent", samples)
                        .put("SIGKILLs survived", kills)
                        .put("killed at samples trained (about)", killedAtSamples)
                        .put("resumed from checkpoint at samples", resumedFromSamples)
                        .put("samples trained again after a kill (about)", retrained)
                        .put("samples in the final ledger", finalCheckpoint.getProperty("ledger.count"))
                        .put("ledger digest equals that of the ids sent", true)
                        .put("feature vectors published twice (samples retrained)", twice)
                        .put("restart to first step past the checkpoint, s", resumeSeconds)
                        .put("checkpoints", finalCheckpoint.getProperty("step") + " steps, every " + CHECKPOINT_EVERY);
            } finally {
                producerThread.interrupt();
                trainer.close();
                figures.write();
            }
        }
    }

    /** The newest checkpoint directory, or null. */
    static Path newestCheckpoint(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> d.getFileName().toString().matches("step-\\d+"))
                    .max(Comparator.comparingLong(TrainerCrashIT::stepOf))
                    .orElse(null);
        }
    }

    static long stepOf(Path checkpoint) {
        return Long.parseLong(checkpoint.getFileName().toString().substring("step-".length()));
    }

    /** A checkpoint's checkpoint.properties. */
    static Properties metadata(Path checkpoint) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(checkpoint.resolve("checkpoint.properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
