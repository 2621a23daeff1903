package org.semanticscale.streams.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateIdentityTest {
    private static final StateIdentity RECORDED = new StateIdentity(
            "cluster-1", "app", Map.of("app-class-windows-changelog", "id-w", "app-class-states-changelog", "id-s"));

    @TempDir
    Path dir;

    @Test
    void theSameClusterApplicationAndChangelogsMatch() {
        assertEquals(
                Optional.empty(), RECORDED.mismatch(new StateIdentity("cluster-1", "app", RECORDED.changelogTopics())));
    }

    @Test
    void anotherClusterIsNamedWithBothIds() {
        String why = RECORDED.mismatch(new StateIdentity("cluster-2", "app", RECORDED.changelogTopics()))
                .orElseThrow();
        assertEquals("it was built from Kafka cluster cluster-1, and this is cluster cluster-2", why);
    }

    @Test
    void aDeletedOrRecreatedChangelogIsAMismatch() {
        String deleted = RECORDED.mismatch(
                        new StateIdentity("cluster-1", "app", Map.of("app-class-windows-changelog", "id-w")))
                .orElseThrow();
        assertEquals("its changelog app-class-states-changelog (topic id id-s) no longer exists", deleted);
        String recreated = RECORDED.mismatch(new StateIdentity(
                        "cluster-1",
                        "app",
                        Map.of("app-class-windows-changelog", "id-w", "app-class-states-changelog", "id-new")))
                .orElseThrow();
        assertTrue(recreated.contains("was deleted and created again (topic id id-new)"), recreated);
    }

    @Test
    void aChangelogThatAppearedSinceIsNoMismatch() {
        // The identity is recorded once the app runs; a store added later has no recorded id to contradict.
        StateIdentity withMore = new StateIdentity(
                "cluster-1",
                "app",
                Map.of(
                        "app-class-windows-changelog",
                        "id-w",
                        "app-class-states-changelog",
                        "id-s",
                        "app-new-store-changelog",
                        "id-n"));
        assertEquals(Optional.empty(), RECORDED.mismatch(withMore));
    }

    @Test
    void writtenAndReadBackUnchanged() throws IOException {
        Path file = dir.resolve("app.identity");
        assertEquals(Optional.empty(), StateIdentity.read(file));
        RECORDED.write(file);
        assertEquals(Optional.of(RECORDED), StateIdentity.read(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void aFileWithoutAClusterIdIsAnError() throws IOException {
        Path file = dir.resolve("app.identity");
        Files.writeString(file, "application.id=app\n");
        IOException e = assertThrows(IOException.class, () -> StateIdentity.read(file));
        assertTrue(e.getMessage().contains("cluster.id"), e.getMessage());
    }
}
