package org.semanticscale.cli.demo;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** The text printed when the demo ends: why, how much was done, the final table, the alerts. */
public final class DemoSummary {
    private DemoSummary() {}

    public static String render(DemoRun.Summary s, List<String> classes, UnaryOperator<String> names) {
        StringBuilder b = new StringBuilder("\n");
        b.append(String.format(
                Locale.ROOT,
                "ssi demo finished after %d s (%s): %d samples replayed, %d trained, stage %s, "
                        + "prequential accuracy %.1f%% overall, %.1f%% balanced.%n",
                s.seconds(),
                s.reason(),
                s.samplesSent(),
                s.samplesTrained(),
                s.trainer().stage(),
                100 * s.trainer().prequentialOverall(),
                100 * s.trainer().prequentialBalanced()));
        b.append(DemoTable.render(
                classes,
                names,
                s.scales(),
                s.inputScales(),
                s.trainer(),
                new DemoTable.Progress(
                        s.seconds(),
                        s.seconds(),
                        s.samplesSent(),
                        s.samplesSent(),
                        s.alerts().size())));
        List<AlertTransition> transitions = s.transitions();
        long semanticOnly =
                transitions.stream().filter(t -> t.raises() && t.semanticOnly()).count();
        b.append(String.format(
                Locale.ROOT,
                "%d alert transition(s)%s%n",
                transitions.size(),
                transitions.isEmpty()
                        ? "."
                        : String.format(
                                Locale.ROOT,
                                " (%d raised only by S: the class's count had not fallen by %.0f %%):",
                                semanticOnly,
                                100 * (1 - AlertTransition.COUNT_FALL))));
        for (AlertTransition t : transitions) {
            b.append("  ")
                    .append(t.describe(names.apply(t.label()), s.startMillis()))
                    .append('\n');
        }
        if (!transitions.isEmpty()) {
            b.append("The records, as published on ssi.alerts:\n");
            for (AlertTransition t : transitions) {
                b.append("  ").append(t.json()).append('\n');
            }
        }
        if (s.picture() != null) {
            b.append("Picture of the run (window count, S', S and weight per class over time, alerts shaded): ")
                    .append(s.picture())
                    .append('\n');
        }
        b.append(String.format(
                Locale.ROOT,
                "Metrics were served on http://127.0.0.1:%d/metrics (streams-app) and "
                        + "http://127.0.0.1:%d/metrics (trainer).%n",
                s.streamsMetricsPort(),
                s.trainerMetricsPort()));
        return b.toString();
    }
}
