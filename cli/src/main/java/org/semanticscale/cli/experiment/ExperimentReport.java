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

    /**
     * The accuracy table for the console: means over the seeds (with sd from two seeds on), each method's
     * overall and focus accuracy against the baseline, and the targets.
     */
    public static String summary(ExperimentResults r) {
        StringBuilder b = new StringBuilder("accuracy (%), ");
        b.append(
                        r.seeds().size() > 1
                                ? "mean ± sd over " + r.seeds().size() + " seeds"
                                : "seed " + r.seeds().get(0).seed())
                .append('\n');
        b.append(String.format(
                Locale.ROOT,
                "%-10s %14s %14s %14s %14s %14s  %s%n",
                "method",
                "overall",
                "balanced",
                "head",
                "middle",
                "tail",
                "worst class"));
        for (MethodSeeds m : r.methods()) {
            b.append(String.format(Locale.ROOT, "%-10s", m.method().name()));
            for (Figure f : List.of(Figure.OVERALL, Figure.BALANCED, Figure.HEAD, Figure.MIDDLE, Figure.TAIL)) {
                b.append(String.format(Locale.ROOT, " %14s", ResultsMarkdown.percent(m.spread(f))));
            }
            b.append("  ")
                    .append(ResultsMarkdown.percent(m.spread(Figure.WORST_CLASS)))
                    .append(' ')
                    .append(m.mostOftenWorst().name())
                    .append('\n');
        }
        MethodSeeds base = r.baseline().orElse(null);
        for (MethodSeeds m : r.methods()) {
            if (base == null || m.equals(base)) {
                continue;
            }
            List<Figure> figures = new ArrayList<>(List.of(Figure.OVERALL));
            if (!r.focus().isEmpty()) {
                figures.add(r.focus().accuracyFigure());
            }
            for (Figure f : figures) {
                m.against(base, f)
                        .ifPresent(d -> b.append(String.format(
                                Locale.ROOT,
                                "%s minus %s, %s: %+.1f points, 95 %% interval %s%n",
                                m.method().name(),
                                base.method().name(),
                                f.title(),
                                100 * d.mean(),
                                ResultsMarkdown.interval(d.interval(), 100))));
            }
        }
        for (Targets.Target t : Targets.of(r)) {
            b.append(String.format(
                    Locale.ROOT,
                    "target: %s: %+.3f%s, 95 %% interval %s (%s)%n",
                    t.description(),
                    t.value(),
                    t.unit().isEmpty() ? "" : " " + t.unit(),
                    t.interval() == null
                            ? ResultsMarkdown.NO_INTERVAL
                            : String.format(
                                    Locale.ROOT,
                                    "[%+.3f, %+.3f]",
                                    t.interval().low(),
                                    t.interval().high()),
                    t.met() ? "met" : "not met"));
        }
        return b.toString();
    }
}
