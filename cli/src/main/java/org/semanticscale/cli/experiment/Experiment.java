package org.semanticscale.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.replay.LabelledDataset;
import org.semanticscale.replay.Profile;
import org.semanticscale.replay.ReplayPlan;
import org.semanticscale.trainer.evaluation.HeldOutSet;
import org.semanticscale.trainer.sample.ClassIndex;
import org.semanticscale.trainer.sample.InputShape;
import org.semanticscale.trainer.weights.LossWeighting;

/**
 * The reproduction: loads the data set, and for each seed plans that seed's stream and trains every method on
 * it through the pipeline ({@link MethodRun}), evaluating each ({@link MethodEvaluation}); in the first seed it
 * also draws the marginal-effect curves from the baseline's features. Every seed uses the same test set (the
 * first seed splits a data set without test files). Writing the results is the caller's ({@link ResultsJson},
 * {@link ResultsMarkdown}, {@link ResultPlots}).
 */
public final class Experiment {
    private final ExperimentSettings settings;
    private final Consumer<String> progress;

    /** @param progress told one line per seed, method, stage and epoch (the command prints them on stderr) */
    public Experiment(ExperimentSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Runs every method once per seed and returns what was measured.
     *
     * @throws java.nio.file.NoSuchFileException when the data set is missing (its reason says how to install it)
     * @throws IllegalArgumentException          for a bad data set spec, profile or focus class
     */
    public ExperimentResults run() throws IOException, InterruptedException {
        Instant started = Instant.now();
        List<Long> seeds = settings.seeds();
        LabelledDataset data = LabelledDataset.load(settings.dataset(), settings.testFraction(), seeds.get(0));
        Profile profile = Profile.parse(settings.profile());
        List<ReplayPlan> plans = new ArrayList<>();
        for (long seed : seeds) {
            plans.add(ReplayPlan.create(data.train(), profile, settings.epochs(), seed));
        }
        List<String> labels = plans.get(0).labels();
        List<String> names = labels.stream().map(data::displayName).toList();
        FocusClasses focus = FocusClasses.of(settings.focus(), labels, names);
        HeldOutSet test = HeldOutSet.of(
                data.test(),
                new InputShape(data.train().sampleShape()),
                new ClassIndex(labels),
                Path.of(data.name() + " (test set)"));
        Method marginalMethod = settings.baseline();
        List<String> marginalClasses = Workload.marginalClasses(labels);
        LabelledVectors marginalRows = Workload.marginalRows(data.train(), marginalClasses, seeds.get(0));

        long start = System.nanoTime();
        int runs = seeds.size() * settings.methods().size();
        List<SeedResults> results = new ArrayList<>();
        MethodOutcome marginalOutcome = null;
        for (int s = 0; s < seeds.size(); s++) {
            long seed = seeds.get(s);
            long seedStart = System.nanoTime();
            ReplayPlan plan = plans.get(s);
            PipelineSettings pipeline = PipelineSettings.derive(settings, plan, seed);
            LabelledVectors streamed = Workload.streamedRows(data.train(), plan);
            Workload work = new Workload(data, plan, streamed, test, s == 0 ? marginalRows : null);
            Map<String, Long> counts = Workload.countsPerEpoch(plan, settings.epochs());
            describe(data, plan, pipeline, streamed, test, s);
            List<MethodResult> done = new ArrayList<>();
            Map<String, String> failures = new LinkedHashMap<>();
            MethodRun runner = new MethodRun(pipeline, work, progress);
            for (int i = 0; i < settings.methods().size(); i++) {
                Method m = settings.methods().get(i);
                int run = s * settings.methods().size() + i;
                progress.accept(String.format(
                        "seed %d (%d/%d), method %s (%d/%d): loss %s, weighting %s%s",
                        seed,
                        s + 1,
                        seeds.size(),
                        m.name(),
                        i + 1,
                        settings.methods().size(),
                        m.loss().configName(),
                        m.weighting().configName(),
                        timeLeft(start, run, runs)));
                boolean withMarginal = s == 0 && m == marginalMethod;
                MethodOutcome outcome;
                try {
                    outcome = runner.run(m, withMarginal);
                } catch (IOException | IllegalStateException e) {
                    // The other runs still go ahead and are reported; the command then ends with an error.
                    progress.accept("[" + m.name() + "] seed " + seed + " failed: " + e.getMessage());
                    failures.put(m.name(), String.valueOf(e.getMessage()));
                    continue;
                }
                if (withMarginal) {
                    marginalOutcome = outcome;
                }
                done.add(MethodEvaluation.evaluate(
                        outcome, labels, data::displayName, streamed, counts, settings.alpha()));
            }
            long[] n =
                    labels.stream().mapToLong(l -> counts.getOrDefault(l, 0L)).toArray();
            results.add(new SeedResults(seed, n, done, failures, seconds(seedStart)));
        }
        if (results.stream().allMatch(r -> r.methods().isEmpty())) {
            throw new IllegalStateException("every run failed: "
                    + results.stream().map(SeedResults::failures).toList());
        }
        List<MarginalEffect.Curve> curves = marginalOutcome == null || marginalOutcome.marginalFeatures() == null
                ? List.of()
                : MarginalEffect.curves(
                        marginalOutcome.marginalFeatures(),
                        marginalOutcome.featureDim(),
                        marginalRows,
                        marginalClasses,
                        data::displayName);
        long[] testCounts = new long[labels.size()];
        for (int c : test.classes()) {
            testCounts[c]++;
        }
        return new ExperimentResults(
                PipelineSettings.derive(settings, plans.get(0), seeds.get(0)),
                data.name(),
                labels,
                names,
                testCounts,
                results,
                focus,
                marginalOutcome == null ? null : marginalMethod.name(),
                curves,
                started,
                seconds(start));
    }

    /** "; about N min left" from the mean time of the runs done so far, or nothing before the first is done. */
    private static String timeLeft(long start, int done, int runs) {
        if (done == 0) {
            return "";
        }
        double left = seconds(start) / done * (runs - done);
        return left < 120
                ? String.format("; about %.0f s left", left)
                : String.format("; about %.0f min left", Math.ceil(left / 60));
    }

    private void describe(
            LabelledDataset data,
            ReplayPlan plan,
            PipelineSettings p,
            LabelledVectors streamed,
            HeldOutSet test,
            int seedIndex) {
        if (seedIndex == 0) {
            progress.accept(String.format(
                    "%s, profile %s: %,d distinct training samples per class %s; %d epoch(s), %,d samples in all; "
                            + "test set %,d samples; %d seed(s) x %d method(s)",
                    data.name(),
                    settings.profile(),
                    streamed.size(),
                    streamed.counts(),
                    settings.epochs(),
                    plan.size(),
                    test.size(),
                    settings.seeds().size(),
                    settings.methods().size()));
        }
        progress.accept(String.format(
                "seed %d: stages FILL to sample %,d, REFRESH to %,d, then BALANCE; windows: span %.1f s, at most %d "
                        + "vectors per class; model %s",
                p.seed(),
                p.fillSamples(),
                p.balanceFrom(),
                p.windowSpan().toMillis() / 1000.0,
                p.windowCap(),
                settings.model()));
        if (seedIndex == 0
                && !p.balances()
                && settings.methods().stream().anyMatch(m -> m.weighting() != LossWeighting.NONE)) {
            progress.accept(
                    "warning: the stream ends before stage BALANCE: weighted methods will train with the plain loss "
                            + "(raise --epochs or lower --fill-epochs / --refresh-epochs)");
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
