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
                s.trainer(),
                new DemoTable.Progress(
                        s.seconds(),
                        s.seconds(),
                        s.samplesSent(),
                        s.samplesSent(),
                        s.alerts().size())));
        b.append(String.format(
                Locale.ROOT,
                "%d alert transition(s)%s%n",
                s.alerts().size(),
                s.alerts().isEmpty() ? "." : ":"));
        for (String alert : s.alerts()) {
            b.append("  ").append(alert).append('\n');
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
