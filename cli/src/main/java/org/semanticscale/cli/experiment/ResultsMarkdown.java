package org.semanticscale.cli.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.semanticscale.cli.experiment.statistics.PairedDifference;
import org.semanticscale.cli.experiment.statistics.Spread;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.trainer.weights.LossWeighting;

/**
 * Writes {@code results.md}: the settings and the same tables as {@code results.json}, accuracies in
 * percent, with the plots linked. Each figure is the mean over a method's seeds, with its sd ("mean ± sd")
 * when there are two seeds or more; the paired differences against the baseline give each seed's value,
 * the mean ± sd and the 95 % t-interval ("n/a (one seed)" with one). {@link #tables} is the part without
 * title and plots, for a document that embeds the results of a run.
 */
final class ResultsMarkdown {
    /** What an interval reads when one seed cannot give it. */
    static final String NO_INTERVAL = "n/a (one seed)";

    private ResultsMarkdown() {}

    static void write(ExperimentResults r, Path file, List<String> plots) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("# ssi experiment: ")
                .append(r.datasetName())
                .append(", ")
                .append(r.pipeline().experiment().profile())
                .append("\n\n");
        b.append("```\n").append(r.pipeline().experiment().command()).append("\n```\n\n");
        b.append(String.format(
                Locale.ROOT,
                "Started %s; %.0f s for %d method(s) x %d seed(s) (%.1f min) on %d cores.%n%n",
                r.started(),
                r.wallSeconds(),
                r.pipeline().experiment().methods().size(),
                r.seeds().size(),
                r.wallSeconds() / 60,
                Runtime.getRuntime().availableProcessors()));
        b.append(tables(r));
        if (!plots.isEmpty()) {
            b.append("\n## Plots\n\n");
            for (String p : plots) {
                b.append("![").append(p).append("](").append(p).append(")\n\n");
            }
        }
        Files.writeString(file, b.toString());
    }

    /**
     * Settings, accuracy, paired differences, focus classes, per-class, scales, correlations, cost, wall time
     * per run, streamed weights, marginal effect and targets.
     */
    static String tables(ExperimentResults r) {
        StringBuilder b = new StringBuilder();
        settings(b, r);
        List<MethodSeeds> methods = r.methods();

        if (!r.failures().isEmpty()) {
            b.append("\n## Runs that failed\n\n");
            r.failures().forEach(f -> b.append("- ").append(f).append('\n'));
        }
        b.append("\n## Accuracy on the balanced test set (%)\n\n");
        b.append(overSeeds(r))
                .append("Head / middle / tail: thirds of the classes by training samples. Balanced: mean of the "
                        + "per-class accuracies. Worst class: each seed's lowest per-class accuracy, and the class "
                        + "lowest in the most seeds.\n\n");
        b.append(
                "| method | overall | balanced | head | middle | tail | worst class |\n|---|---:|---:|---:|---:|---:|---|\n");
        for (MethodSeeds m : methods) {
            b.append("| ").append(m.method().name());
            for (Figure f : Figure.ACCURACY) {
                if (f == Figure.WORST_CLASS) {
                    continue;
                }
                b.append(" | ").append(percent(m.spread(f)));
            }
            b.append(" | ")
                    .append(percent(m.spread(Figure.WORST_CLASS)))
                    .append(' ')
                    .append(m.mostOftenWorst().name())
                    .append(" |\n");
        }

        differences(b, r, methods);
        focus(b, r, methods);

        b.append("\n## Per-class accuracy (%)\n\n");
        b.append(overSeeds(r).trim()).append("\n\n");
        b.append("| class | N");
        methods.forEach(m -> b.append(" | ").append(m.method().name()));
        b.append(" |\n|---|---:").append("|---:".repeat(methods.size())).append("|\n");
        for (int i = 0; i < r.labels().size(); i++) {
            b.append("| ").append(r.names().get(i)).append(" | ").append(count(r.counts()[i]));
            for (MethodSeeds m : methods) {
                b.append(" | ").append(percent(m.spread(Figure.classAccuracy(i))));
            }
            b.append(" |\n");
        }

        meansSection(
                b,
                r,
                "Semantic scales of the trained models",
                "S' (volume) and S (scale) of each class, from each final model's pooled features of the training samples "
                        + "streamed (N per class), computed from scratch with the core.");
        b.append("| class | N");
        for (MethodSeeds m : methods) {
            b.append(" | ")
                    .append(m.method().name())
                    .append(" S' | ")
                    .append(m.method().name())
                    .append(" S");
        }
        b.append(" |\n|---|---:").append("|---:|---:".repeat(methods.size())).append("|\n");
        for (int i = 0; i < r.labels().size(); i++) {
            int c = i;
            b.append("| ").append(r.names().get(i)).append(" | ").append(count(r.counts()[i]));
            for (MethodSeeds m : methods) {
                b.append(" | ")
                        .append(num(mean(m, x -> x.classes().get(c).volume()), "%.1f"))
                        .append(" | ")
                        .append(num(mean(m, x -> x.classes().get(c).scale()), "%.3f"));
            }
            b.append(" |\n");
        }

        b.append("\n## Correlation of per-class accuracy with N, S' and S\n\n");
        b.append(overSeeds(r).trim()).append("\n\n");
        b.append("| method");
        Figure.CORRELATIONS.forEach(f -> b.append(" | ").append(f.title()));
        b.append(" |\n|---").append("|---:".repeat(Figure.CORRELATIONS.size())).append("|\n");
        for (MethodSeeds m : methods) {
            b.append("| ").append(m.method().name());
            Figure.CORRELATIONS.forEach(f -> b.append(" | ").append(meanSd(m.spread(f), 1, "%.3f")));
            b.append(" |\n");
        }

        cost(b, r, methods);
        weights(b, r, methods);
        marginal(b, r);
        targets(b, r);
        return b.toString();
    }

    /** One method's figures minus the baseline's, seed by seed, with mean ± sd and the 95 % interval. */
    private static void differences(StringBuilder b, ExperimentResults r, List<MethodSeeds> methods) {
        MethodSeeds base = r.baseline().orElse(null);
        List<MethodSeeds> others = methods.stream().filter(m -> !m.equals(base)).toList();
        if (base == null || others.isEmpty()) {
            return;
        }
        List<Long> seeds = r.pipeline().experiment().seeds();
        b.append("\n## Against ")
                .append(base.method().name())
                .append(": paired differences (points)\n\n")
                .append("Each method's figure minus ")
                .append(base.method().name())
                .append("'s in the same seed (the same stream), then the mean over the seeds, its sd and the 95 % "
                        + "t-interval of the mean (t quantile with n - 1 degrees of freedom).\n\n");
        b.append("| method | figure");
        seeds.forEach(s -> b.append(" | seed ").append(s));
        b.append(seeds.size() > 1 ? " | mean ± sd" : " | mean")
                .append(" | 95 % interval |\n|---|---")
                .append("|---:".repeat(seeds.size()))
                .append("|---:|---|\n");
        for (MethodSeeds m : others) {
            for (Figure f : ResultsJson.pairedFigures(r)) {
                PairedDifference d = m.against(base, f).orElse(null);
                b.append("| ").append(m.method().name()).append(" | ").append(f.title());
                List<Long> shared = m.sharedSeeds(base);
                for (long s : seeds) {
                    int at = shared.indexOf(s);
                    b.append(" | ")
                            .append(
                                    d == null || at < 0
                                            ? "-"
                                            : num(100 * d.differences().values()[at], "%+.1f"));
                }
                b.append(" | ")
                        .append(d == null ? "-" : meanSd(d.differences(), 100, "%+.1f"))
                        .append(" | ")
                        .append(d == null ? "-" : interval(d.interval(), 100))
                        .append(" |\n");
            }
        }
    }

    /**
     * The focus classes' accuracy, its difference from the baseline and Pearson; then, in each view, their streamed
     * S' ratio with the others' spread, their weight ratio and the delay of the first alert after a collapse.
     */
    private static void focus(StringBuilder b, ExperimentResults r, List<MethodSeeds> methods) {
        FocusClasses focus = r.focus();
        if (focus.isEmpty()) {
            return;
        }
        MethodSeeds base = r.baseline().orElse(null);
        String baseName = r.pipeline().experiment().baseline().name();
        b.append("\n## Focus classes: ")
                .append(String.join(", ", focus.names()))
                .append("\n\n");
        b.append(overSeeds(r))
                .append("Accuracy: the focus classes' mean test accuracy (%), and its paired difference from ")
                .append(baseName)
                .append(
                        " (points). Pearson: per-class accuracy with the streamed S of the model view, all classes.\n\n");
        b.append("| method | accuracy | minus ")
                .append(baseName)
                .append(" | 95 % interval | Pearson(accuracy, streamed S) |\n")
                .append("|---|---:|---:|---|---:|\n");
        for (MethodSeeds m : methods) {
            PairedDifference d = base == null || m.equals(base)
                    ? null
                    : m.against(base, focus.accuracyFigure()).orElse(null);
            b.append("| ")
                    .append(m.method().name())
                    .append(" | ")
                    .append(percent(m.spread(focus.accuracyFigure())))
                    .append(" | ")
                    .append(m.equals(base) ? "baseline" : d == null ? "-" : meanSd(d.differences(), 100, "%+.1f"))
                    .append(" | ")
                    .append(d == null ? "-" : interval(d.interval(), 100))
                    .append(" | ")
                    .append(meanSd(m.spread(focus.pearsonFigure()), 1, "%.2f"))
                    .append(" |\n");
        }

        b.append("\nEach view's scales as the streams-app published them last: model, its windows of the trainer's "
                        + "features (what DSB weighs with); input, its windows of a fixed projection of the raw samples "
                        + "(\"-\" in every column while it publishes none). S' ratio: the focus classes' mean S' over the "
                        + "other classes' median; others: the least and the greatest of the other classes' S' over that "
                        + "median; weight ratio: the focus classes' mean DSB weight over the others' mean. Alert after: "
                        + "seconds from the start of the collapse (the replay sending the first sample of the narrowed "
                        + "stretch, @FROM) to the view's first COLLAPSED or UNDERREPRESENTED alert of a focus class; \"-\" "
                        + "without a collapse in the profile, or without an alert in some seed.\n\n")
                .append(
                        "| method | view | S' ratio | others, least | others, greatest | weight ratio | alert after (s) |\n")
                .append("|---|---|---:|---:|---:|---:|---:|\n");
        for (MethodSeeds m : methods) {
            for (StreamedView view : StreamedView.values()) {
                b.append("| ").append(m.method().name()).append(" | ").append(view.alertName());
                for (Figure f : focus.viewFigures(view)) {
                    b.append(" | ").append(meanSd(m.spread(f), 1, "%.2f"));
                }
                b.append(" |\n");
            }
        }
    }

    private static void cost(StringBuilder b, ExperimentResults r, List<MethodSeeds> methods) {
        meansSection(
                b,
                r,
                "Cost",
                "Wall: the whole method, from starting the parts to stopping them. Start: the broker, streams-app and trainer "
                        + "starting (the first run also loads the native libraries and warms the JVM up). Training: the paced replay "
                        + "trained through (about equal for every method by design). Steps: time the trainer spent in training steps, "
                        + "the cost of the loss itself. CPU: this process (broker, streams-app, trainer, replay). A ratio to CE "
                        + "compares the two in the same seed.");
        b.append(
                "| method | wall s | start s | training s | steps s | CPU s | training vs CE | steps vs CE | CPU vs CE |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        MethodSeeds ce = methods.stream()
                .filter(m -> m.method().isPlainCrossEntropy())
                .findFirst()
                .orElse(null);
        for (MethodSeeds m : methods) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %.1f | %.0f | %.1f | %.0f | %s | %s | %s |%n",
                    m.method().name(),
                    mean(m, x -> x.outcome().wallSeconds()),
                    mean(m, x -> x.outcome().startSeconds()),
                    mean(m, x -> x.outcome().trainSeconds()),
                    mean(m, x -> x.outcome().stepSeconds()),
                    mean(m, x -> x.outcome().cpuSeconds()),
                    ratio(m, ce, x -> x.outcome().trainSeconds()),
                    ratio(m, ce, x -> x.outcome().stepSeconds()),
                    ratio(m, ce, x -> x.outcome().cpuSeconds())));
        }

        b.append("\n## Wall time per run (s)\n\n");
        List<Long> seeds = r.pipeline().experiment().seeds();
        b.append(String.format(
                Locale.ROOT,
                "%.0f s in all (%.1f min), data loading and writing excluded.%n%n",
                r.wallSeconds(),
                r.wallSeconds() / 60));
        b.append("| method");
        seeds.forEach(s -> b.append(" | seed ").append(s));
        b.append(" |\n|---").append("|---:".repeat(seeds.size())).append("|\n");
        for (MethodSeeds m : methods) {
            b.append("| ").append(m.method().name());
            for (long s : seeds) {
                b.append(" | ")
                        .append(
                                m.seeds().contains(s)
                                        ? num(m.inSeed(s).outcome().wallSeconds(), "%.0f")
                                        : "failed");
            }
            b.append(" |\n");
        }
        b.append("| all methods");
        r.seeds().forEach(s -> b.append(" | ").append(num(s.wallSeconds(), "%.0f")));
        b.append(" |\n");
    }

    private static void weights(StringBuilder b, ExperimentResults r, List<MethodSeeds> methods) {
        List<MethodSeeds> weighted = methods.stream()
                .filter(m -> m.method().weighting() != LossWeighting.NONE)
                .toList();
        if (weighted.isEmpty()) {
            return;
        }
        meansSection(
                b,
                r,
                "Class weights at the end of the stream",
                "The weights of the trainer's last step (averaging 1). For DSB, the streamed window of each class at the end in "
                        + "the view it weighs with (the model's features for dsb-, the raw samples for dsb-input-): "
                        + "vectors held and the scale S the streams-app published.");
        b.append("| class | N");
        for (MethodSeeds m : weighted) {
            b.append(" | ").append(m.method().name()).append(" weight");
            if (StreamedView.weighing(m.method().weighting()).isPresent()) {
                b.append(" | window | streamed S");
            }
        }
        b.append(" |\n|---|---:");
        for (MethodSeeds m : weighted) {
            b.append(StreamedView.weighing(m.method().weighting()).isPresent() ? "|---:|---:|---:" : "|---:");
        }
        b.append("|\n");
        for (int i = 0; i < r.labels().size(); i++) {
            String label = r.labels().get(i);
            b.append("| ").append(r.names().get(i)).append(" | ").append(count(r.counts()[i]));
            for (MethodSeeds m : weighted) {
                b.append(" | ")
                        .append(num(mean(m, x -> x.outcome().finalWeights().getOrDefault(label, Double.NaN)), "%.3f"));
                Optional<StreamedView> view = StreamedView.weighing(m.method().weighting());
                if (view.isPresent()) {
                    b.append(" | ")
                            .append(count(mean(m, x -> streamed(x, view.get(), label, s -> s.n()))))
                            .append(" | ")
                            .append(num(mean(m, x -> streamed(x, view.get(), label, ScaleRecord::scale)), "%.3f"));
                }
            }
            b.append(" |\n");
        }
    }

    private static void marginal(StringBuilder b, ExperimentResults r) {
        if (r.marginal().isEmpty()) {
            return;
        }
        b.append("\n## Marginal effect\n\n");
        b.append(
                        "S' of the first m training samples of a class (all its training samples in a seeded random order, not only "
                                + "those streamed), from the pooled features of the final ")
                .append(r.marginalMethod())
                .append(" model of seed ")
                .append(r.seeds().get(0).seed())
                .append(".\n\n");
        b.append("| m");
        r.marginal().forEach(c -> b.append(" | ").append(c.name()));
        b.append(" |\n|---:").append("|---:".repeat(r.marginal().size())).append("|\n");
        TreeSet<Integer> grid = new TreeSet<>();
        r.marginal().forEach(c -> Arrays.stream(c.m()).forEach(grid::add));
        for (int m : grid) {
            b.append("| ").append(m);
            for (MarginalEffect.Curve c : r.marginal()) {
                int at = Arrays.binarySearch(c.m(), m);
                b.append(" | ").append(at >= 0 ? num(c.volume()[at], "%.1f") : "");
            }
            b.append(" |\n");
        }
    }

    private static void targets(StringBuilder b, ExperimentResults r) {
        List<Targets.Target> targets = Targets.of(r);
        if (targets.isEmpty()) {
            return;
        }
        b.append("\n## Targets (issue 5)\n\n");
        b.append(
                "Each target is a paired difference over the seeds both sides completed: its mean, and its 95 % t-interval.\n\n");
        b.append("| target | measured | 95 % interval | needed | met |\n|---|---:|---|---:|---|\n");
        for (Targets.Target t : targets) {
            String unit = t.unit().isEmpty() ? "" : " " + t.unit();
            String pattern = t.unit().isEmpty() ? "%+.3f" : "%+.1f";
            String needed = t.threshold() == 0 ? "> 0" : ">= " + num(t.threshold(), "%.1f");
            b.append("| ")
                    .append(t.description())
                    .append(" | ")
                    .append(num(t.value(), pattern))
                    .append(unit)
                    .append(" | ")
                    .append(t.interval() == null ? NO_INTERVAL : interval(t.interval(), pattern))
                    .append(" | ")
                    .append(needed)
                    .append(unit)
                    .append(" | ")
                    .append(t.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
    }

    private static void settings(StringBuilder b, ExperimentResults r) {
        PipelineSettings p = r.pipeline();
        ExperimentSettings s = p.experiment();
        b.append("## Settings\n\n| setting | value |\n|---|---|\n");
        row(b, "data set, profile", s.dataset() + ", " + s.profile());
        row(
                b,
                "methods",
                String.join(", ", s.methods().stream().map(Method::name).toList()));
        row(
                b,
                "model, seeds",
                s.model() + "; "
                        + String.join(
                                ", ", s.seeds().stream().map(String::valueOf).toList()));
        row(b, "baseline", s.baseline().name() + " (the paired differences are against it)");
        if (!r.focus().isEmpty()) {
            StringBuilder f = new StringBuilder();
            for (int i = 0; i < r.focus().labels().size(); i++) {
                f.append(i == 0 ? "" : ", ")
                        .append(r.focus().names().get(i))
                        .append(" (")
                        .append(r.focus().labels().get(i))
                        .append(')');
            }
            row(b, "focus classes", f.toString());
        }
        row(
                b,
                "stream",
                String.format(
                        Locale.ROOT,
                        "%,d samples per epoch x %d epochs = %,d, at %s",
                        p.epochSize(),
                        s.epochs(),
                        p.totalSamples(),
                        s.rate() > 0 ? String.format(Locale.ROOT, "%,.0f samples/s", s.rate()) : "full speed"));
        row(
                b,
                "stages (samples trained)",
                String.format(
                        Locale.ROOT,
                        "FILL 0-%,d, REFRESH to %,d, BALANCE from %,d (%s + %s epochs plain)",
                        p.fillSamples(),
                        p.balanceFrom(),
                        p.balanceFrom(),
                        trim(s.fillEpochs()),
                        trim(s.refreshEpochs())));
        row(
                b,
                "streams-app windows",
                String.format(
                        Locale.ROOT,
                        "span %.1f s (one epoch at the replay rate unless set), at most %d vectors per "
                                + "class; alpha %s",
                        p.windowSpan().toMillis() / 1000.0,
                        p.windowCap(),
                        trim(s.alpha())));
        if (!s.trainerOverrides().isEmpty()) {
            row(b, "trainer overrides", s.trainerOverrides().toString());
        }
        if (!s.streamsOverrides().isEmpty()) {
            row(b, "streams-app overrides", s.streamsOverrides().toString());
        }
    }

    /** A section's title and its text, which says that the table's figures are means when there are seeds to average. */
    private static void meansSection(StringBuilder b, ExperimentResults r, String title, String text) {
        b.append("\n## ").append(title).append("\n\n").append(text);
        b.append(r.seeds().size() > 1 ? " Means over the seeds.\n\n" : "\n\n");
    }

    /** The sentence that says what a table's "mean ± sd" is over. */
    private static String overSeeds(ExperimentResults r) {
        List<Long> seeds = r.pipeline().experiment().seeds();
        return seeds.size() == 1
                ? "Seed " + seeds.get(0) + ". "
                : "Mean ± sd over the seeds "
                        + String.join(", ", seeds.stream().map(String::valueOf).toList())
                        + " (sample sd; each method over the seeds it completed). ";
    }

    private static void row(StringBuilder b, String key, String value) {
        b.append("| ").append(key).append(" | ").append(value).append(" |\n");
    }

    private static double mean(MethodSeeds m, ToDoubleFunction<MethodResult> figure) {
        return m.spread(figure).mean();
    }

    /** A streamed figure of one class in one view at the end of one run; NaN without a record. */
    private static double streamed(MethodResult m, StreamedView view, String label, ToDoubleFunction<ScaleRecord> f) {
        ScaleRecord s = view.scales(m.outcome()).get(label);
        return s == null ? Double.NaN : f.applyAsDouble(s);
    }

    /** A fraction's spread in percent: "83.1" with one seed, "83.1 ± 0.4" with more. */
    static String percent(Spread s) {
        return meanSd(s, 100, "%.1f");
    }

    /** "mean ± sd" of {@code factor} times the values, or the mean alone with one seed; "-" when unknown. */
    private static String meanSd(Spread s, double factor, String pattern) {
        String mean = num(factor * s.mean(), pattern);
        return s.n() < 2 || Double.isNaN(s.sd()) || Double.isNaN(s.mean())
                ? mean
                : mean + " ± " + num(factor * s.sd(), pattern.replace("+", ""));
    }

    /** An interval of fractions in points, "[-0.3, +2.7]", or {@link #NO_INTERVAL}. */
    static String interval(PairedDifference.Interval i, double factor) {
        return i == null ? NO_INTERVAL : interval(i.times(factor), "%+.1f");
    }

    private static String interval(PairedDifference.Interval i, String pattern) {
        return "[" + num(i.low(), pattern) + ", " + num(i.high(), pattern) + "]";
    }

    /** A class's N: a whole number, or the mean over the seeds where they differ. */
    static String count(double n) {
        return Double.isNaN(n) ? "-" : n == Math.rint(n) ? Long.toString((long) n) : num(n, "%.1f");
    }

    private static String num(double v, String pattern) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, pattern, v) : "-";
    }

    /** The mean over the shared seeds of the method's figure over CE's in the same seed, as results.json's {@code cost.*VsCe}. */
    private static String ratio(MethodSeeds m, MethodSeeds ce, ToDoubleFunction<MethodResult> figure) {
        List<Long> shared = ce == null ? List.of() : m.sharedSeeds(ce);
        if (shared.isEmpty()) {
            return "-";
        }
        double[] ratios = shared.stream()
                .mapToDouble(s -> figure.applyAsDouble(m.inSeed(s)) / figure.applyAsDouble(ce.inSeed(s)))
                .toArray();
        return num(Spread.of(ratios).mean(), "%.2f");
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
