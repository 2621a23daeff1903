package org.semanticscale.cli.experiment;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.semanticscale.cli.experiment.statistics.Correlation;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.trainer.evaluation.HeldOutAccuracy;

/**
 * Hand-made results of an experiment on three classes a, b, c (N = 30, 20, 10; 100 test samples each), for
 * the report writers' tests: every figure follows from the per-class accuracies, streamed scales and alerts given.
 */
final class ResultsFixture {
    static final List<String> LABELS = List.of("a", "b", "c");
    static final List<String> NAMES = List.of("A", "B", "C");
    static final long[] N = {30, 20, 10};

    private ResultsFixture() {}

    /** A collapse of c that starts 100 s into the epoch, at position 90 of the plan. */
    static final MethodOutcome.CollapseStart COLLAPSE = new MethodOutcome.CollapseStart(90, 100_000);

    /**
     * Alerts around {@link #COLLAPSE}: the input view's first alert of c after it comes 4 s later, the model view's
     * 12.5 s later; an input alert of c before the collapse, a recovery and an alert of a do not count.
     */
    static final List<StreamedAlert> ALERTS = List.of(
            new StreamedAlert("c", "UNDERREPRESENTED", "scale-ratio", "input", 99_000),
            new StreamedAlert("a", "COLLAPSED", "own-drop", "model", 101_000),
            new StreamedAlert("c", "RECOVERED", "scale-ratio", "input", 103_000),
            new StreamedAlert("c", "COLLAPSED", "own-drop", "input", 104_000),
            new StreamedAlert("c", "UNDERREPRESENTED", "scale-ratio", "model", 112_500));

    /**
     * One method's result in one seed, without an input view, alerts or a collapse. Overall and balanced accuracy
     * are the mean of the per-class ones (the test set is balanced), head / middle / tail are a / b / c; the
     * streamed S of a class is twice its S'.
     */
    static MethodResult result(String method, double[] accuracy, double[] streamedVolume, double[] streamedWeight) {
        return result(method, accuracy, streamedVolume, streamedWeight, Map.of(), List.of(), null);
    }

    /** The same, with the input view's scales, the alerts and the collapse start given. */
    static MethodResult result(
            String method,
            double[] accuracy,
            double[] streamedVolume,
            double[] streamedWeight,
            Map<String, ScaleRecord> streamedInput,
            List<StreamedAlert> alerts,
            MethodOutcome.CollapseStart collapse) {
        double mean = (accuracy[0] + accuracy[1] + accuracy[2]) / 3;
        Map<String, ScaleRecord> streamed = scales(streamedVolume, streamedWeight);
        List<ClassResult> classes = new java.util.ArrayList<>();
        ClassResult worst = null;
        for (int i = 0; i < 3; i++) {
            String l = LABELS.get(i);
            ClassResult c = new ClassResult(
                    l, NAMES.get(i), N[i], accuracy[i], 10.0 * (i + 1), Double.NaN, Double.NaN, 0.1 * (i + 1), 0.3);
            classes.add(c);
            if (worst == null || c.accuracy() < worst.accuracy()) {
                worst = c;
            }
        }
        Method m = MethodCatalogue.byName(method);
        MethodOutcome outcome = new MethodOutcome(
                m,
                new HeldOutAccuracy(mean, accuracy, accuracy[0], accuracy[1], accuracy[2], 90),
                new float[0],
                null,
                2,
                streamed,
                streamedInput,
                alerts,
                collapse,
                List.of(new EpochProgress(1, 90, 3, "FILL", 0.5, 0.5, false, Map.of("a", 1.0), Map.of("a", 30L))),
                Map.of("a", 1.0, "b", 1.0, "c", 1.0),
                90,
                12,
                2,
                8,
                1,
                10);
        double[] n = {30, 20, 10};
        double[] volume = {10, 20, 30};
        return new MethodResult(
                m,
                classes,
                mean,
                mean,
                accuracy[0],
                accuracy[1],
                accuracy[2],
                worst,
                new MethodResult.Correlations(
                        Correlation.pearson(accuracy, n), Correlation.pearson(accuracy, volume), 0.5),
                new MethodResult.Correlations(1, -1, 0.5),
                outcome);
    }

    /** Streamed records of a, b, c with these S' and weights; S is twice S'. */
    static Map<String, ScaleRecord> scales(double[] volume, double[] weight) {
        Map<String, ScaleRecord> out = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            String l = LABELS.get(i);
            out.put(
                    l,
                    new ScaleRecord(
                            l,
                            100,
                            volume[i],
                            Double.NaN,
                            Double.NaN,
                            2 * volume[i],
                            weight[i],
                            1,
                            false,
                            false,
                            7,
                            0,
                            0,
                            Double.NaN,
                            false,
                            Double.NaN));
        }
        return out;
    }

    static ExperimentSettings settings(List<String> methods, List<Long> seeds, List<String> focus) {
        return new ExperimentSettings(
                "csv:x",
                "counts:30,20,10",
                methods.stream().map(MethodCatalogue::byName).toList(),
                seeds,
                3,
                "mlp",
                30,
                null,
                0,
                1,
                0,
                2.0,
                0.2,
                Map.of(),
                Map.of(),
                focus,
                Path.of("out"),
                "ssi experiment --seeds " + seeds);
    }

    static ExperimentResults results(ExperimentSettings s, List<SeedResults> seeds) {
        PipelineSettings p = new PipelineSettings(s, s.seeds().get(0), 60, 180, 60, 0, Duration.ofSeconds(2), 30);
        return new ExperimentResults(
                p,
                "Fixture",
                LABELS,
                NAMES,
                new long[] {100, 100, 100},
                seeds,
                FocusClasses.of(s.focus(), LABELS, NAMES),
                null,
                List.of(),
                Instant.parse("2026-12-01T10:00:00Z"),
                50);
    }

    /**
     * Seeds 1 and 2, CE and DSB-CE, focus class c. CE: accuracies (0.9, 0.8, 0.5) then (0.92, 0.78, 0.55);
     * DSB-CE: (0.88, 0.82, 0.6) then (0.9, 0.8, 0.62). In every run: streamed S' (10, 20, 6) and weights
     * (0.8, 0.7, 1.5) in the model view, (10, 12, 2) and (0.2, 0.2, 0.6) in the input view; {@link #ALERTS} after
     * {@link #COLLAPSE}.
     */
    static ExperimentResults twoSeeds() {
        return results(settings(List.of("ce", "dsb-ce"), List.of(1L, 2L), List.of("c")), List.of(seed1(), seed2()));
    }

    /** Seed 1 of {@link #twoSeeds} alone. */
    static ExperimentResults oneSeed() {
        return results(settings(List.of("ce", "dsb-ce"), List.of(1L), List.of("c")), List.of(seed1()));
    }

    static SeedResults seed1() {
        return new SeedResults(1, N, List.of(run("ce", 0.9, 0.8, 0.5), run("dsb-ce", 0.88, 0.82, 0.6)), Map.of(), 25);
    }

    static SeedResults seed2() {
        return new SeedResults(2, N, List.of(run("ce", 0.92, 0.78, 0.55), run("dsb-ce", 0.9, 0.8, 0.62)), Map.of(), 25);
    }

    private static MethodResult run(String method, double a, double b, double c) {
        return result(
                method,
                new double[] {a, b, c},
                new double[] {10, 20, 6},
                new double[] {0.8, 0.7, 1.5},
                scales(new double[] {10, 12, 2}, new double[] {0.2, 0.2, 0.6}),
                ALERTS,
                COLLAPSE);
    }
}
