package org.semanticscale.cli.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.semanticscale.cli.experiment.statistics.PairedDifference;

/**
 * Issue 5's targets, from the paper's direction, checked on a run that has {@code ce} and
 * {@code dsb-ce} (and {@code cb-ce} for the one about Class-Balanced weights): DSB-CE above CE
 * overall by at least 1.5 points, on the tail by 3 and on the worst class by 15; DSB-CE above CB-CE
 * overall; and per-class accuracy of the CE model correlating more with S than with N (Pearson, as
 * the paper's figure). Each is a paired difference over the seeds both sides completed: its mean is
 * the measured value, with its 95 % t-interval when there are two seeds or more.
 */
final class Targets {
    private Targets() {}

    /**
     * One target.
     *
     * @param value     the mean measured difference (points of accuracy, or of correlation)
     * @param interval  its 95 % t-interval in the same unit, or null (one seed)
     * @param threshold the target is met when {@code value >= threshold} ({@code > 0} when the threshold is 0)
     */
    record Target(String description, double value, PairedDifference.Interval interval, double threshold, String unit) {
        boolean met() {
            return threshold == 0 ? value > 0 : value >= threshold;
        }
    }

    static List<Target> of(ExperimentResults r) {
        List<Target> out = new ArrayList<>();
        Optional<MethodSeeds> ce = r.method("ce");
        Optional<MethodSeeds> dsb = r.method("dsb-ce");
        Optional<MethodSeeds> cb = r.method("cb-ce");
        if (ce.isPresent() && dsb.isPresent()) {
            MethodSeeds c = ce.get();
            MethodSeeds d = dsb.get();
            accuracy(out, "DSB-CE minus CE, overall accuracy", d, c, Figure.OVERALL, 1.5);
            accuracy(out, "DSB-CE minus CE, tail accuracy", d, c, Figure.TAIL, 3);
            accuracy(
                    out,
                    "DSB-CE minus CE, worst-class accuracy ("
                            + d.mostOftenWorst().name() + " vs "
                            + c.mostOftenWorst().name() + ")",
                    d,
                    c,
                    Figure.WORST_CLASS,
                    15);
        }
        if (cb.isPresent() && dsb.isPresent()) {
            accuracy(out, "DSB-CE minus CB-CE, overall accuracy", dsb.get(), cb.get(), Figure.OVERALL, 0);
        }
        if (ce.isPresent()) {
            MethodSeeds c = ce.get();
            PairedDifference p = PairedDifference.of(
                    c.spread(Figure.PEARSON_SCALE).values(),
                    c.spread(Figure.PEARSON_N).values());
            out.add(new Target(
                    "CE model: Pearson(accuracy, S) minus Pearson(accuracy, N)", p.mean(), p.interval(), 0, ""));
        }
        return out;
    }

    /** A target on a paired accuracy difference, in points; left out when the two share no seed. */
    private static void accuracy(
            List<Target> out, String description, MethodSeeds method, MethodSeeds base, Figure f, double threshold) {
        method.against(base, f)
                .ifPresent(p -> out.add(new Target(
                        description,
                        100 * p.mean(),
                        p.interval() == null ? null : p.interval().times(100),
                        threshold,
                        "points")));
    }
}
