package org.semanticscale.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path dir;

    private static Checkpoint checkpoint(long step) {
        return new Checkpoint(
                step,
                step * 64,
                "REFRESH",
                new TrainedLedger(step * 64, 0xfedcba9876543210L + step),
                new SampleSource("cluster-1", "ssi.samples", "topic-1"),
                Checkpoint.offsets(Map.of(0, step * 10, 3, step * 20)),
                new long[] {step, 2 * step},
                "mlp x");
    }

    private static CheckpointStore.StateWriter model(String content) {
        return d -> Files.writeString(d.resolve("model.txt"), content);
    }

    @Test
    void writesAndRestoresTheNewest() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 3);
        store.write(checkpoint(100), model("at 100"));
        store.write(checkpoint(200), model("at 200"));
        AtomicReference<String> restoredModel = new AtomicReference<>();
        Optional<Checkpoint> c =
                store.restoreNewest((cp, d) -> restoredModel.set(Files.readString(d.resolve("model.txt"))));
        assertTrue(c.isPresent());
        assertEquals(200, c.get().step());
        assertEquals(12_800, c.get().samplesTrained());
        assertEquals("REFRESH", c.get().stage());
        assertEquals(
                new TrainedLedger(12_800, 0xfedcba9876543210L + 200),
                c.get().ledger(),
                "a digest with the top bit set survives");
        assertEquals(Map.of(0, 2000L, 3, 4000L), c.get().nextOffsets());
        assertArrayEquals(new long[] {200, 400}, c.get().classCounts());
        assertEquals("at 200", restoredModel.get());
    }

    @Test
    void keepsOnlyTheNewest() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 2);
        for (long step : new long[] {1, 2, 3, 4}) {
            store.write(checkpoint(step), model("m"));
        }
        assertEquals(
                List.of(dir.resolve("step-000000000004"), dir.resolve("step-000000000003")),
                store.checkpointsNewestFirst());
    }

    @Test
    void aFailedWriteLeavesNoCheckpoint() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 3);
        store.write(checkpoint(1), model("m"));
        assertThrows(
                IOException.class,
                () -> store.write(checkpoint(2), d -> {
                    throw new IOException("disk full");
                }));
        assertEquals(List.of(dir.resolve("step-000000000001")), store.checkpointsNewestFirst());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary directory left behind");
        }
    }

    @Test
    void fallsBackToAnOlderCheckpointWhenTheNewestIsDamaged() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 3);
        store.write(checkpoint(1), model("good"));
        store.write(checkpoint(2), model("bad"));
        Files.writeString(
                dir.resolve("step-000000000002").resolve(CheckpointStore.METADATA),
                "format=1\nstep=",
                StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve(".tmp-step-000000000003-1"));
        Optional<Checkpoint> c = store.restoreNewest((cp, d) -> {});
        assertEquals(1, c.orElseThrow().step());
        assertFalse(Files.exists(dir.resolve(".tmp-step-000000000003-1")), "an unfinished write is cleaned up");
    }

    @Test
    void anIncompatibleCheckpointStopsTheStart() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 3);
        store.write(checkpoint(1), model("m"));
        assertThrows(
                IncompatibleCheckpointException.class,
                () -> store.restoreNewest((cp, d) -> {
                    throw new IncompatibleCheckpointException("another model");
                }));
    }

    @Test
    void noDirectoryMeansNoCheckpoint() throws IOException {
        assertTrue(new CheckpointStore(dir.resolve("none"), 1)
                .restoreNewest((c, d) -> {})
                .isEmpty());
    }

    @Test
    void theSourceOfTheOffsetsIsWrittenAndReadBack() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 3);
        store.write(checkpoint(100), model("at 100"));
        Checkpoint c = store.restoreNewest((cp, d) -> {}).orElseThrow();
        assertEquals(new SampleSource("cluster-1", "ssi.samples", "topic-1"), c.source());
    }

    @Test
    void aCheckpointWrittenBeforeTheSourceWasRecordedComesFromAnUnknownCluster() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 3);
        Path written = store.write(checkpoint(100), model("at 100"));
        Path metadata = written.resolve(CheckpointStore.METADATA);
        List<String> older = Files.readAllLines(metadata).stream()
                .filter(line -> !line.startsWith("kafka.cluster.id") && !line.startsWith("samples.topic.id"))
                .toList();
        Files.write(metadata, older);
        Checkpoint c = store.restoreNewest((cp, d) -> {}).orElseThrow();
        assertEquals(new SampleSource(SampleSource.UNKNOWN, "ssi.samples", SampleSource.UNKNOWN), c.source());
        assertTrue(
                c.source()
                        .mismatch(new SampleSource("cluster-1", "ssi.samples", "topic-1"))
                        .isPresent(),
                "an unknown cluster is not this one");
    }

    @Test
    void setAsideMovesEveryCheckpointOutOfReach() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 3);
        store.write(checkpoint(100), model("at 100"));
        store.write(checkpoint(200), model("at 200"));
        Path aside = store.setAside().orElseThrow();
        assertEquals(List.of(), store.checkpointsNewestFirst());
        assertEquals(Optional.empty(), store.restoreNewest((cp, d) -> {}));
        try (var moved = Files.list(aside)) {
            assertEquals(
                    List.of("step-000000000100", "step-000000000200"),
                    moved.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(Optional.empty(), store.setAside(), "nothing left to set aside");
    }

    @Test
    void sourcesDifferByTopicClusterOrTopicId() {
        SampleSource source = new SampleSource("c1", "ssi.samples", "t1");
        assertEquals(Optional.empty(), source.mismatch(new SampleSource("c1", "ssi.samples", "t1")));
        assertEquals(
                "its offsets are of topic ssi.samples, and the trainer reads other",
                source.mismatch(new SampleSource("c1", "other", "t1")).orElseThrow());
        assertEquals(
                "its offsets are of ssi.samples on Kafka cluster c1, and this is cluster c2",
                source.mismatch(new SampleSource("c2", "ssi.samples", "t1")).orElseThrow());
        assertEquals(
                "its offsets are of an earlier ssi.samples (topic id t1), since deleted; the topic there now has id t2",
                source.mismatch(new SampleSource("c1", "ssi.samples", "t2")).orElseThrow());
    }
}
