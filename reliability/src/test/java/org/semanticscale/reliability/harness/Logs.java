package org.semanticscale.reliability.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where a test's child JVMs write their logs: {@code target/reliability/logs/<test>/}, kept after the run. */
public final class Logs {
    private Logs() {}

    /** The (emptied) log directory of a test. */
    public static Path dir(String test) throws IOException {
        Path dir = Path.of(System.getProperty("ssi.reliability.output", "target/reliability"), "logs", test);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        return dir;
    }
}
