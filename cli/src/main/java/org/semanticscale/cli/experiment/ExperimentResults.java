package org.semanticscale.cli.experiment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything one experiment measured, every seed, as the report writers need it.
 *
 * @param pipeline       the settings as given and as sized from the first seed's stream (every seed's is sized alike)
 * @param datasetName    the data set's name
 * @param labels         classes in label order
 * @param names          their display names, same order
 * @param testCounts     test samples per class, same order
 * @param seeds          what each seed's runs measured, in the order run
 * @param focus          the classes {@code --focus} named (empty: none)
 * @param marginalMethod the method whose model gave the marginal-effect features, in the first seed (null: no curves)
 * @param marginal       the marginal-effect curves
 * @param started        when the run started
 * @param wallSeconds    every seed and method, data loading and writing excluded
 */
public record ExperimentResults(
        PipelineSettings pipeline,
        String datasetName,
        List<String> labels,
        List<String> names,
        long[] testCounts,
        List<SeedResults> seeds,
        FocusClasses focus,
        String marginalMethod,
        List<MarginalEffect.Curve> marginal,
        Instant started,
        double wallSeconds) {

    /** Each method that completed at least one seed, over its seeds, in the order run. */
    List<MethodSeeds> methods() {
        return MethodSeeds.of(pipeline.experiment().methods(), seeds);
    }

    /** A method over its seeds, by name; empty when it did not run or completed no seed. */
    Optional<MethodSeeds> method(String name) {
        return methods().stream().filter(m -> m.method().name().equals(name)).findFirst();
    }

    /** The method the others are compared with (plain CE, else the first), when it completed a seed. */
    Optional<MethodSeeds> baseline() {
        return method(pipeline.experiment().baseline().name());
    }

    /** The mean over the seeds of each class's N, label order (the same in every seed unless the profile narrows). */
    double[] counts() {
        double[] n = new double[labels.size()];
        for (int i = 0; i < n.length; i++) {
            long sum = 0;
            for (SeedResults s : seeds) {
                sum += s.counts()[i];
            }
            n[i] = (double) sum / seeds.size();
        }
        return n;
    }

    /** What failed, one line per seed and method ("seed 2, dsb-ce: why"). */
    public List<String> failures() {
        List<String> out = new ArrayList<>();
        for (SeedResults s : seeds) {
            s.failures().forEach((method, why) -> out.add("seed " + s.seed() + ", " + method + ": " + why));
        }
        return out;
    }
}
