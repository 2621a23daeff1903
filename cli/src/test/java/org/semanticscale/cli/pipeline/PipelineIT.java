package org.semanticscale.cli.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.semanticscale.replay.LabelledDataset;
import org.semanticscale.replay.Profile;
import org.semanticscale.replay.ReplayPlan;
import org.semanticscale.testkit.Await;

/** The pipeline on real parts: a part that fails to start, and a part that stalls, are named; nothing is left behind. */
class PipelineIT {
    private static LabelledDataset data;
    private static ReplayPlan plan;

    @BeforeAll
    static void loadData() throws IOException {
        data = LabelledDataset.load("fashion-mnist", 0.2, 1);
        plan = ReplayPlan.create(data.train(), Profile.parse("counts:200,200,200,200,200,200,200,200,200,200"), 1, 1);
    }

    private static Pipeline.Builder pipeline(String name, Map<String, String> trainerSettings) {
        return Pipeline.builder(name)
                .setStreamsSettings(Map.of("application.id", name, "metrics.port", "0"))
                .setTrainerSettings(trainerSettings)
                .setReplay(data.train(), plan, 200);
    }

    @Test
    void shouldStopThePartsStartedBeforeAPartThatFailsToStart() throws Exception {
        String name = "ssi-pipeline-it-" + System.nanoTime();
        ThreadsLeft threads = ThreadsLeft.now();

        // 1. The broker and the streams-app start; the trainer refuses its settings.
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> pipeline(
                                name,
                                Map.of(
                                        "trainer.group-id",
                                        name,
                                        "classes",
                                        String.join(",", plan.labels()),
                                        "model.type",
                                        "no-such-model",
                                        "metrics.enabled",
                                        "false"))
                        .start());
        assertTrue(refused.getMessage().contains("model.type"), refused.getMessage());

        // 2. The streams-app and the broker were stopped (their threads end) and the run's directory is gone.
        threads.awaitGone(Duration.ofSeconds(30));
        assertEquals(List.of(), runDirectories(name));
    }

    @Test
    void shouldNameTheTrainerWhenItTrainsNothingWhileSamplesWait() throws Exception {
        String name = "ssi-pipeline-it-" + System.nanoTime();
        ThreadsLeft threads = ThreadsLeft.now();

        // 1. A trainer whose model takes 10 values per sample: it refuses every 28x28 sample and trains nothing.
        //    The replay notes when it sends sample 20 (0.1 s in at 200 samples/s).
        long before = System.currentTimeMillis();
        try (Pipeline run = pipeline(
                        name,
                        Map.of(
                                "trainer.group-id",
                                name,
                                "classes",
                                String.join(",", plan.labels()),
                                "model.input-shape",
                                "10",
                                "metrics.enabled",
                                "false"))
                .optStallTimeout(Duration.ofSeconds(5))
                .optMark(20)
                .start()) {
            assertEquals(1, runDirectories(name).size());
            assertTrue(run.sentAt(21).isEmpty(), "not marked");

            // 2. check() names the stalled part once samples have waited for the stall timeout.
            PartFailedException failure = awaitFailure(run, Duration.ofSeconds(60));
            assertEquals("trainer", failure.part());
            assertTrue(failure.getMessage().startsWith("trainer: trained nothing for 5 s"), failure.getMessage());
            assertTrue(run.samplesSent() > 0, "the replay sent samples");
            long sent = run.sentAt(20).orElseThrow();
            assertTrue(sent - before >= 100 && sent <= System.currentTimeMillis(), sent - before + " ms");
        }

        // 3. Closed: every part stopped, the run's directory deleted.
        threads.awaitGone(Duration.ofSeconds(30));
        assertEquals(List.of(), runDirectories(name));
    }

    private static PartFailedException awaitFailure(Pipeline run, Duration timeout) throws Exception {
        PartFailedException[] failure = new PartFailedException[1];
        Await.until("a part of the pipeline to fail", timeout, () -> {
            try {
                run.check();
                return false;
            } catch (PartFailedException e) {
                failure[0] = e;
                return true;
            }
        });
        return failure[0];
    }

    private static List<Path> runDirectories(String name) throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(name + "-"))
                    .toList();
        }
    }
}
