package org.semanticscale.cli.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.trainer.weights.LossWeighting;

/**
 * Writes {@code results.md}: the settings and the same tables as {@code results.json}, accuracies in
 * percent, with the plots linked. {@link #tables} is the part without title and plots, for a
 * document that embeds the results of a run.
 */
final class ResultsMarkdown {
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
                "Started %s; %.0f s for all methods (%.1f min) on %d cores.%n%n",
                r.started(),
                r.wallSeconds(),
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

    /** Settings, accuracy, per-class, scales, correlations, cost, streamed weights, marginal effect and targets. */
    static String tables(ExperimentResults r) {
        StringBuilder b = new StringBuilder();
        settings(b, r.pipeline());
        List<MethodResult> methods = r.methods();

        if (!r.failures().isEmpty()) {
            b.append("\n## Methods that failed\n\n");
            r.failures()
                    .forEach((name, why) ->
                            b.append("- ").append(name).append(": ").append(why).append('\n'));
        }
        b.append("\n## Accuracy on the balanced test set (%)\n\n");
        b.append(
                "Head / middle / tail: thirds of the classes by training samples. Balanced: mean of the per-class accuracies.\n\n");
        b.append(
                "| method | overall | balanced | head | middle | tail | worst class |\n|---|---:|---:|---:|---:|---:|---|\n");
        for (MethodResult m : methods) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s %s |%n",
                    m.method().name(),
                    pct(m.overall()),
                    pct(m.balanced()),
                    pct(m.head()),
                    pct(m.middle()),
                    pct(m.tail()),
                    pct(m.worst().accuracy()),
                    m.worst().name()));
        }

        b.append("\n## Per-class accuracy (%)\n\n");
        header(b, "class | N", methods, MethodResult::method, "---|---:");
        for (int i = 0; i < r.labels().size(); i++) {
            b.append("| ").append(r.names().get(i)).append(" | ").append(r.counts()[i]);
            for (MethodResult m : methods) {
                b.append(" | ").append(pct(m.classes().get(i).accuracy()));
            }
            b.append(" |\n");
        }

        b.append("\n## Semantic scales of the trained models\n\n");
        b.append(
                "S' (volume) and S (scale) of each class, from each final model's pooled features of the training samples "
                        + "streamed (N per class), computed from scratch with the core.\n\n");
        b.append("| class | N");
        for (MethodResult m : methods) {
            b.append(" | ")
                    .append(m.method().name())
                    .append(" S' | ")
                    .append(m.method().name())
                    .append(" S");
        }
        b.append(" |\n|---|---:").append("|---:|---:".repeat(methods.size())).append("|\n");
        for (int i = 0; i < r.labels().size(); i++) {
            b.append("| ").append(r.names().get(i)).append(" | ").append(r.counts()[i]);
            for (MethodResult m : methods) {
                ClassResult c = m.classes().get(i);
                b.append(" | ").append(num(c.volume(), "%.1f")).append(" | ").append(num(c.scale(), "%.3f"));
            }
            b.append(" |\n");
        }

        b.append("\n## Correlation of per-class accuracy with N, S' and S\n\n");
        b.append("| method | Pearson N | Pearson S' | Pearson S | Spearman N | Spearman S' | Spearman S |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (MethodResult m : methods) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s |%n",
                    m.method().name(),
                    num(m.pearson().withN(), "%.3f"),
                    num(m.pearson().withVolume(), "%.3f"),
                    num(m.pearson().withScale(), "%.3f"),
                    num(m.spearman().withN(), "%.3f"),
                    num(m.spearman().withVolume(), "%.3f"),
                    num(m.spearman().withScale(), "%.3f")));
        }

        b.append("\n## Cost\n\n");
        b.append(
                "Wall: the whole method, from starting the parts to stopping them. Start: the broker, streams-app and trainer "
                        + "starting (the first method also loads the native libraries and warms the JVM up). Training: the paced replay "
                        + "trained through (about equal for every method by design). Steps: time the trainer spent in training steps, "
                        + "the cost of the loss itself. CPU: this process (broker, streams-app, trainer, replay).\n\n");
        b.append(
                "| method | wall s | start s | training s | steps s | CPU s | training vs CE | steps vs CE | CPU vs CE |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        MethodOutcome base = r.baseline().map(MethodResult::outcome).orElse(null);
        for (MethodResult m : methods) {
            MethodOutcome o = m.outcome();
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %.1f | %.0f | %.1f | %.0f | %s | %s | %s |%n",
                    m.method().name(),
                    o.wallSeconds(),
                    o.startSeconds(),
                    o.trainSeconds(),
                    o.stepSeconds(),
                    o.cpuSeconds(),
                    ratio(o.trainSeconds(), base == null ? Double.NaN : base.trainSeconds()),
                    ratio(o.stepSeconds(), base == null ? Double.NaN : base.stepSeconds()),
                    ratio(o.cpuSeconds(), base == null ? Double.NaN : base.cpuSeconds())));
        }

        List<MethodResult> weighted = methods.stream()
                .filter(m -> m.method().weighting() != LossWeighting.NONE)
                .toList();
        if (!weighted.isEmpty()) {
            b.append("\n## Class weights at the end of the stream\n\n");
            b.append(
                    "The weights of the trainer's last step (averaging 1). For DSB, the streamed window of each class at the end: "
                            + "vectors held and the scale S the streams-app published.\n\n");
            b.append("| class | N");
            for (MethodResult m : weighted) {
                b.append(" | ").append(m.method().name()).append(" weight");
                if (m.method().weighting() == LossWeighting.DSB) {
                    b.append(" | window | streamed S");
                }
            }
            b.append(" |\n|---|---:");
            for (MethodResult m : weighted) {
                b.append(m.method().weighting() == LossWeighting.DSB ? "|---:|---:|---:" : "|---:");
            }
            b.append("|\n");
            for (int i = 0; i < r.labels().size(); i++) {
                String label = r.labels().get(i);
                b.append("| ").append(r.names().get(i)).append(" | ").append(r.counts()[i]);
                for (MethodResult m : weighted) {
                    Double w = m.outcome().finalWeights().get(label);
                    b.append(" | ").append(num(w == null ? Double.NaN : w, "%.3f"));
                    if (m.method().weighting() == LossWeighting.DSB) {
                        ScaleRecord s = m.outcome().streamedScales().get(label);
                        b.append(" | ")
                                .append(s == null ? "-" : Long.toString(s.n()))
                                .append(" | ")
                                .append(num(s == null ? Double.NaN : s.scale(), "%.3f"));
                    }
                }
                b.append(" |\n");
            }
        }

        if (!r.marginal().isEmpty()) {
            b.append("\n## Marginal effect\n\n");
            b.append(
                            "S' of the first m training samples of a class (all its training samples in a seeded random order, not only "
                                    + "those streamed), from the pooled features of the final ")
                    .append(r.marginalMethod())
                    .append(" model.\n\n");
            b.append("| m");
            r.marginal().forEach(c -> b.append(" | ").append(c.name()));
            b.append(" |\n|---:").append("|---:".repeat(r.marginal().size())).append("|\n");
            java.util.TreeSet<Integer> grid = new java.util.TreeSet<>();
            r.marginal().forEach(c -> java.util.Arrays.stream(c.m()).forEach(grid::add));
            for (int m : grid) {
                b.append("| ").append(m);
                for (MarginalEffect.Curve c : r.marginal()) {
                    int at = java.util.Arrays.binarySearch(c.m(), m);
                    b.append(" | ").append(at >= 0 ? num(c.volume()[at], "%.1f") : "");
                }
                b.append(" |\n");
            }
        }

        List<Targets.Target> targets = Targets.of(r);
        if (!targets.isEmpty()) {
            b.append("\n## Targets (issue 5)\n\n| target | measured | needed | met |\n|---|---:|---:|---|\n");
            for (Targets.Target t : targets) {
                String unit = t.unit().isEmpty() ? "" : " " + t.unit();
                String value = num(t.value(), t.unit().isEmpty() ? "%+.3f" : "%+.1f");
                String needed = t.threshold() == 0 ? "> 0" : ">= " + num(t.threshold(), "%.1f");
                b.append("| ")
                        .append(t.description())
                        .append(" | ")
                        .append(value)
                        .append(unit)
                        .append(" | ")
                        .append(needed)
                        .append(unit)
                        .append(" | ")
                        .append(t.met() ? "yes" : "**no**")
                        .append(" |\n");
            }
        }
        return b.toString();
    }

    private static void settings(StringBuilder b, PipelineSettings p) {
        ExperimentSettings s = p.experiment();
        b.append("## Settings\n\n| setting | value |\n|---|---|\n");
        row(b, "data set, profile", s.dataset() + ", " + s.profile());
        row(
                b,
                "methods",
                String.join(", ", s.methods().stream().map(Method::name).toList()));
        row(b, "model, seed", s.model() + ", " + s.seed());
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

    private static void row(StringBuilder b, String key, String value) {
        b.append("| ").append(key).append(" | ").append(value).append(" |\n");
    }

    private static void header(
            StringBuilder b,
            String first,
            List<MethodResult> methods,
            Function<MethodResult, Method> method,
            String firstAlign) {
        b.append("| ").append(first);
        methods.forEach(m -> b.append(" | ").append(method.apply(m).name()));
        b.append(" |\n|")
                .append(firstAlign)
                .append("|---:".repeat(methods.size()))
                .append("|\n");
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", 100 * v);
    }

    private static String num(double v, String pattern) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, pattern, v);
    }

    private static String ratio(double v, double base) {
        return Double.isNaN(v) || !(base > 0) ? "-" : String.format(Locale.ROOT, "%.2f", v / base);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
