package org.semanticscale.streams.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decisions that need no cluster: the identity is only compared with one when a readable record exists. */
class LocalStateGuardTest {
    @TempDir
    Path stateDir;

    private LocalStateGuard guard() {
        return new LocalStateGuard(null, stateDir, "app", List.of("app-class-windows-changelog"));
    }

    @Test
    void noLocalStateNeedsNoWipe() throws Exception {
        assertEquals(Optional.empty(), guard().reasonToWipe());
    }

    @Test
    void localStateWithoutARecordIsWiped() throws Exception {
        Files.createDirectories(stateDir.resolve("app/0_0"));
        String why = guard().reasonToWipe().orElseThrow();
        assertTrue(why.startsWith("nothing records which Kafka cluster it was built from"), why);
    }

    @Test
    void localStateWithAnUnreadableRecordIsWiped() throws Exception {
        Files.createDirectories(stateDir.resolve("app/0_0"));
        Files.writeString(stateDir.resolve("app.identity"), "application.id=app\n");
        String why = guard().reasonToWipe().orElseThrow();
        assertTrue(why.contains("cannot be read") && why.contains("cluster.id"), why);
    }
}
