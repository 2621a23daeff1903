package org.semanticscale.cli.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.semanticscale.cli.experiment.statistics.PairedDifference;
import org.semanticscale.cli.experiment.statistics.Spread;

/**
 * One method over the seeds it completed: its result in each, each figure's spread over them, and each
 * figure's paired difference against another method on the seeds both completed.
 *
 * @param seeds   the seeds the method completed, in the order run
 * @param results its result in each, same order
 */
record MethodSeeds(Method method, List<Long> seeds, List<MethodResult> results) {

    MethodSeeds {
        seeds = List.copyOf(seeds);
        results = List.copyOf(results);
    }

    /** A figure in every seed, its mean and sd. */
    Spread spread(ToDoubleFunction<MethodResult> figure) {
        return Spread.of(results.stream().mapToDouble(figure).toArray());
    }

    Spread spread(Figure figure) {
        return spread(figure.value());
    }

    /** The seeds this method and {@code other} both completed, in this one's order. */
    List<Long> sharedSeeds(MethodSeeds other) {
        return seeds.stream().filter(other.seeds::contains).toList();
    }

    /**
     * This method's figure minus {@code baseline}'s, seed by seed, over the seeds both completed; empty when
     * they share none.
     */
    Optional<PairedDifference> against(MethodSeeds baseline, Figure figure) {
        List<Long> shared = sharedSeeds(baseline);
        if (shared.isEmpty()) {
            return Optional.empty();
        }
        double[] mine = new double[shared.size()];
        double[] theirs = new double[shared.size()];
        for (int i = 0; i < shared.size(); i++) {
            mine[i] = figure.of(inSeed(shared.get(i)));
            theirs[i] = figure.of(baseline.inSeed(shared.get(i)));
        }
        return Optional.of(PairedDifference.of(mine, theirs));
    }

    /** The result in one of the seeds this method completed. */
    MethodResult inSeed(long seed) {
        int at = seeds.indexOf(seed);
        if (at < 0) {
            throw new IllegalArgumentException(method.name() + " did not complete seed " + seed);
        }
        return results.get(at);
    }

    /** The class that was the worst in the most seeds; on a tie, the one that was worst first. */
    ClassResult mostOftenWorst() {
        Map<String, Integer> times = new LinkedHashMap<>();
        Map<String, ClassResult> classes = new LinkedHashMap<>();
        for (MethodResult r : results) {
            times.merge(r.worst().label(), 1, Integer::sum);
            classes.putIfAbsent(r.worst().label(), r.worst());
        }
        String most = null;
        for (Map.Entry<String, Integer> e : times.entrySet()) {
            if (most == null || e.getValue() > times.get(most)) {
                most = e.getKey();
            }
        }
        return classes.get(most);
    }

    /** Every method's seeds, in the order of {@code methods}; a method that completed no seed is left out. */
    static List<MethodSeeds> of(List<Method> methods, List<SeedResults> seeds) {
        List<MethodSeeds> out = new ArrayList<>();
        for (Method m : methods) {
            List<Long> done = new ArrayList<>();
            List<MethodResult> results = new ArrayList<>();
            for (SeedResults s : seeds) {
                s.method(m.name()).ifPresent(r -> {
                    done.add(s.seed());
                    results.add(r);
                });
            }
            if (!results.isEmpty()) {
                out.add(new MethodSeeds(m, done, results));
            }
        }
        return out;
    }
}
