package org.semanticscale.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
    @TempDir
    Path dir;

    @Test
    void aJvmFromThisClasspathLogsToItsFileAndDiesOnAKill() throws Exception {
        try (ChildProcess p = ChildProcess.java(
                        "sleeper",
                        dir.resolve("sleeper.log"),
                        Sleeper.class.getName(),
                        List.of("a", "password=\"secret\""))
                .jvm("-Xmx64m")
                .start()) {
            assertEquals(
                    "a,password=\"secret\"",
                    p.awaitLog("up with (\\S+)", 0, Duration.ofSeconds(30)).group(1));
            assertTrue(
                    p.log()
                            .startsWith(
                                    "### sleeper: " + Sleeper.class.getName() + " a password=\"[masked by the test]\""),
                    "the first line names the program and masks the password: " + p.log());
            p.kill();
            assertFalse(p.isAlive());
            assertEquals(137, p.awaitExit(Duration.ofSeconds(5)), "128 + SIGKILL");
            assertTrue(p.exitSeconds() > 0);
        }
    }

    @Test
    void aStopIsASigterm() throws Exception {
        try (ChildProcess p = ChildProcess.java(
                        "sleeper", dir.resolve("sleeper.log"), Sleeper.class.getName(), List.of())
                .start()) {
            p.awaitLog("up with", 0, Duration.ofSeconds(30));
            assertEquals(143, p.stop(Duration.ofSeconds(30)), "128 + SIGTERM");
        }
    }
}
