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
 * The reproduction: loads the data set, plans one stream, trains every method on that same stream
 * through the pipeline ({@link MethodRun}), evaluates each ({@link MethodEvaluation}) and draws the
 * marginal-effect curves from the plain CE model's features (or the first method's). Writing the
 * results is the caller's ({@link ResultsJson}, {@link ResultsMarkdown}, {@link ResultPlots}).
 */
public final class Experiment {
    private final ExperimentSettings settings;
    private final Consumer<String> progress;

    /** @param progress told one line per stage, epoch and method (the command prints them on stderr) */
    public Experiment(ExperimentSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Runs every method and returns what was measured.
     *
     * @throws java.nio.file.NoSuchFileException when the data set is missing (its reason says how to install it)
     * @throws IllegalArgumentException          for a bad data set spec or profile
     */
    public ExperimentResults run() throws IOException, InterruptedException {
        Instant started = Instant.now();
        LabelledDataset data = LabelledDataset.load(settings.dataset(), settings.testFraction(), settings.seed());
        ReplayPlan plan =
                ReplayPlan.create(data.train(), Profile.parse(settings.profile()), settings.epochs(), settings.seed());
        PipelineSettings pipeline = PipelineSettings.derive(settings, plan);
        List<String> labels = plan.labels();
        LabelledVectors streamed = Workload.streamedRows(data.train(), plan);
        HeldOutSet test = HeldOutSet.of(
                data.test(),
                new InputShape(data.train().sampleShape()),
                new ClassIndex(labels),
                Path.of(data.name() + " (test set)"));
        Method marginalMethod = settings.methods().stream()
                .filter(Method::isPlainCrossEntropy)
                .findFirst()
                .orElse(settings.methods().get(0));
        List<String> marginalClasses = Workload.marginalClasses(labels);
        LabelledVectors marginalRows = Workload.marginalRows(data.train(), marginalClasses, settings.seed());
        Workload work = new Workload(data, plan, streamed, test, marginalRows);
        describe(data, plan, pipeline, streamed, test);

        long start = System.nanoTime();
        List<MethodResult> results = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        MethodOutcome marginalOutcome = null;
        MethodRun runner = new MethodRun(pipeline, work, progress);
        for (int i = 0; i < settings.methods().size(); i++) {
            Method m = settings.methods().get(i);
            progress.accept(String.format(
                    "method %d/%d: %s (loss %s, weighting %s)",
                    i + 1,
                    settings.methods().size(),
                    m.name(),
                    m.loss().configName(),
                    m.weighting().configName()));
            MethodOutcome outcome;
            try {
                outcome = runner.run(m, m == marginalMethod);
            } catch (IOException | IllegalStateException e) {
                // The other methods still run and are reported; the command then ends with an error.
                progress.accept("[" + m.name() + "] failed: " + e.getMessage());
                failures.put(m.name(), String.valueOf(e.getMessage()));
                continue;
            }
            if (m == marginalMethod) {
                marginalOutcome = outcome;
            }
            results.add(MethodEvaluation.evaluate(outcome, labels, data::displayName, streamed, settings.alpha()));
        }
        if (results.isEmpty()) {
            throw new IllegalStateException("every method failed: " + failures);
        }
        List<MarginalEffect.Curve> curves = marginalOutcome == null || marginalOutcome.marginalFeatures() == null
                ? List.of()
                : MarginalEffect.curves(
                        marginalOutcome.marginalFeatures(),
                        marginalOutcome.featureDim(),
                        marginalRows,
                        marginalClasses,
                        data::displayName);
        Map<String, Integer> counts = streamed.counts();
        long[] n = labels.stream().mapToLong(l -> counts.getOrDefault(l, 0)).toArray();
        long[] testCounts = new long[labels.size()];
        for (int c : test.classes()) {
            testCounts[c]++;
        }
        return new ExperimentResults(
                pipeline,
                data.name(),
                labels,
                labels.stream().map(data::displayName).toList(),
                n,
                testCounts,
                results,
                failures,
                marginalOutcome == null ? null : marginalMethod.name(),
                curves,
                started,
                (System.nanoTime() - start) / 1e9);
    }

    private void describe(
            LabelledDataset data, ReplayPlan plan, PipelineSettings p, LabelledVectors streamed, HeldOutSet test) {
        progress.accept(String.format(
                "%s, profile %s: %,d distinct training samples per class %s; %d epoch(s), %,d samples in all; "
                        + "test set %,d samples",
                data.name(),
                settings.profile(),
                streamed.size(),
                streamed.counts(),
                settings.epochs(),
                plan.size(),
                test.size()));
        progress.accept(String.format(
                "stages: FILL to sample %,d, REFRESH to %,d, then BALANCE; windows: span %.1f s, at most %d "
                        + "vectors per class; model %s, seed %d",
                p.fillSamples(),
                p.balanceFrom(),
                p.windowSpan().toMillis() / 1000.0,
                p.windowCap(),
                settings.model(),
                settings.seed()));
        if (!p.balances() && settings.methods().stream().anyMatch(m -> m.weighting() != LossWeighting.NONE)) {
            progress.accept(
                    "warning: the stream ends before stage BALANCE: weighted methods will train with the plain loss "
                            + "(raise --epochs or lower --fill-epochs / --refresh-epochs)");
        }
    }
}
