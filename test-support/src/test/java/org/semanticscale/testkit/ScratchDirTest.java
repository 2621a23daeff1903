package org.semanticscale.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchDirTest {

    @Test
    void closeDeletesTheWholeTree() throws Exception {
        Path root;
        try (ScratchDir dir = ScratchDir.create("ssi-testkit-")) {
            root = dir.path();
            Files.createDirectories(dir.resolve("a/b"));
            Files.writeString(dir.resolve("a/b/c.txt"), "c");
            assertTrue(Files.exists(dir.resolve("a/b/c.txt")));
        }
        assertTrue(Files.notExists(root));
    }
}
