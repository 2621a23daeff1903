package org.semanticscale.cli.demo;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.trainer.train.TrainerStatus;

/** Renders the demo's live table: one row per class, the trainer's stage and the run's progress on top. */
final class DemoTable {
    private DemoTable() {}

    /** Progress of the run, for the header. */
    record Progress(long elapsedSeconds, long durationSeconds, long samplesSent, long samplesPlanned, int alerts) {}

    static String render(
            List<String> classes,
            UnaryOperator<String> names,
            Map<String, ScaleRecord> scales,
            Map<String, ScaleRecord> inputScales,
            TrainerStatus trainer,
            Progress progress) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "ssi demo  %ds / %ds   replayed %d / %d samples   trained %d   stage %s   "
                        + "loss %s   prequential accuracy %s   alerts %d%n",
                progress.elapsedSeconds(),
                progress.durationSeconds(),
                progress.samplesSent(),
                progress.samplesPlanned(),
                trainer.samplesTrained(),
                trainer.stage(),
                fixed(trainer.loss(), 3),
                percent(trainer.prequentialOverall()),
                progress.alerts()));
        String row = "%-12s %6s %8s %6s %8s %6s %6s %6s %6s %6s  %s%n";
        b.append(String.format(Locale.ROOT, row, "", "", "model", "", "input", "", "model", "input", "", "", ""));
        b.append(String.format(
                Locale.ROOT,
                row,
                "class",
                "window",
                "S'",
                "usual",
                "S'",
                "usual",
                "S",
                "S",
                "weight",
                "acc.",
                "state"));
        for (String label : classes) {
            ScaleRecord s = scales.get(label);
            ScaleRecord in = inputScales.get(label);
            Double accuracy = trainer.prequentialAccuracy().get(label);
            Double weight = trainer.classWeights().get(label);
            b.append(String.format(
                    Locale.ROOT,
                    row,
                    truncate(names.apply(label), 12),
                    s == null ? "-" : Long.toString(s.n()),
                    s == null ? "-" : fixed(s.volume(), 1),
                    s == null ? "-" : fixed(s.baselineVolume(), 1),
                    in == null ? "-" : fixed(in.volume(), 1),
                    in == null ? "-" : fixed(in.baselineVolume(), 1),
                    s == null ? "-" : fixed(s.scale(), 2),
                    in == null ? "-" : fixed(in.scale(), 2),
                    weight == null ? "-" : fixed(weight, 2),
                    accuracy == null ? "-" : percent(accuracy),
                    state(s, in)));
        }
        b.append(
                "window: vectors in the class's window; S': their volume, in the model view (the trainer's features)\n"
                        + "and the input view (a fixed projection of the raw samples, no model); usual: S' median over the alert\n"
                        + "baseline; weight: the loss weight the trainer applies (1 until BALANCE, then DSB: 1 / S, mean 1).\n");
        return b.toString();
    }

    /** The state of a class in both views, e.g. "COLLAPSED (input, model)" or "COLLAPSED (input)". */
    static String state(ScaleRecord model, ScaleRecord input) {
        String m = status(model);
        String i = status(input);
        if (input == null || m.equals(i)) {
            return m;
        }
        if (model == null) {
            return i + " (input)";
        }
        if (isAlert(m) && isAlert(i)) {
            return shortAlert(m) + " (model), " + shortAlert(i) + " (input)";
        }
        return isAlert(i) ? i + " (input)" : isAlert(m) ? m + " (model)" : m;
    }

    private static boolean isAlert(String status) {
        return status.equals("UNDERREPRESENTED") || status.equals("COLLAPSED");
    }

    private static String shortAlert(String status) {
        return status.equals("UNDERREPRESENTED") ? "UNDERREP." : status;
    }

    static String status(ScaleRecord s) {
        if (s == null) {
            return "waiting";
        }
        if (s.underrepresented()) {
            return "UNDERREPRESENTED";
        }
        if (s.collapsed()) {
            return "COLLAPSED";
        }
        if (s.saturated()) {
            return "SATURATED";
        }
        return s.hasScale() ? "ok" : "too few samples";
    }

    private static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "-";
    }

    private static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "-";
    }

    private static String truncate(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }
}
