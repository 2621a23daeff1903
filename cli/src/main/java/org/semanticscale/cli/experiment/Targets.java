package org.semanticscale.cli.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Issue 5's targets, from the paper's direction, checked on a run that has {@code ce} and
 * {@code dsb-ce} (and {@code cb-ce} for the one about Class-Balanced weights): DSB-CE above CE
 * overall by at least 1.5 points, on the tail by 3 and on the worst class by 15; DSB-CE above CB-CE
 * overall; and per-class accuracy of the CE model correlating more with S than with N (Pearson, as
 * the paper's figure).
 */
final class Targets {
    private Targets() {}

    /**
     * One target.
     *
     * @param value     the measured difference (points of accuracy, or of correlation)
     * @param threshold the target is met when {@code value >= threshold} ({@code > 0} when the threshold is 0)
     */
    record Target(String description, double value, double threshold, String unit) {
        boolean met() {
            return threshold == 0 ? value > 0 : value >= threshold;
        }
    }

    static List<Target> of(ExperimentResults r) {
        List<Target> out = new ArrayList<>();
        Optional<MethodResult> ce = r.method("ce");
        Optional<MethodResult> dsb = r.method("dsb-ce");
        Optional<MethodResult> cb = r.method("cb-ce");
        if (ce.isPresent() && dsb.isPresent()) {
            MethodResult c = ce.get();
            MethodResult d = dsb.get();
            out.add(new Target("DSB-CE minus CE, overall accuracy", points(d.overall() - c.overall()), 1.5, "points"));
            out.add(new Target("DSB-CE minus CE, tail accuracy", points(d.tail() - c.tail()), 3, "points"));
            out.add(new Target(
                    "DSB-CE minus CE, worst-class accuracy (" + d.worst().name() + " vs "
                            + c.worst().name() + ")",
                    points(d.worst().accuracy() - c.worst().accuracy()),
                    15,
                    "points"));
        }
        if (cb.isPresent() && dsb.isPresent()) {
            out.add(new Target(
                    "DSB-CE minus CB-CE, overall accuracy",
                    points(dsb.get().overall() - cb.get().overall()),
                    0,
                    "points"));
        }
        if (ce.isPresent()) {
            MethodResult c = ce.get();
            out.add(new Target(
                    "CE model: Pearson(accuracy, S) minus Pearson(accuracy, N)",
                    c.pearson().withScale() - c.pearson().withN(),
                    0,
                    ""));
        }
        return out;
    }

    private static double points(double difference) {
        return 100 * difference;
    }
}
