package org.semanticscale.cli.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes a run's results into a directory: results.json, the PNG plots, and results.md linking them. */
public final class ExperimentReport {
    static final String JSON = "results.json";
    static final String MARKDOWN = "results.md";

    private ExperimentReport() {}

    /** Writes everything; returns the files written. */
    public static List<Path> write(ExperimentResults results, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        ResultsJson.write(results, dir.resolve(JSON));
        files.add(dir.resolve(JSON));
        List<String> plots = ResultPlots.write(results, dir);
        ResultsMarkdown.write(results, dir.resolve(MARKDOWN), plots);
        files.add(dir.resolve(MARKDOWN));
        plots.forEach(p -> files.add(dir.resolve(p)));
        return files;
    }

    /** The accuracy table, for the console. */
    public static String summary(ExperimentResults r) {
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "%-10s %8s %8s %6s %6s %6s  %s%n",
                "method",
                "overall",
                "balanced",
                "head",
                "middle",
                "tail",
                "worst class"));
        for (MethodResult m : r.methods()) {
            b.append(String.format(
                    Locale.ROOT,
                    "%-10s %7.1f%% %7.1f%% %5.1f%% %5.1f%% %5.1f%%  %.1f%% %s%n",
                    m.method().name(),
                    100 * m.overall(),
                    100 * m.balanced(),
                    100 * m.head(),
                    100 * m.middle(),
                    100 * m.tail(),
                    100 * m.worst().accuracy(),
                    m.worst().name()));
        }
        for (Targets.Target t : Targets.of(r)) {
            b.append(String.format(
                    Locale.ROOT,
                    "target: %s: %+.3f%s (%s)%n",
                    t.description(),
                    t.value(),
                    t.unit().isEmpty() ? "" : " " + t.unit(),
                    t.met() ? "met" : "not met"));
        }
        return b.toString();
    }
}
