package org.semanticscale.reliability.harness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.record.ScaleRecords;
import org.semanticscale.scale.ClassScale;
import org.semanticscale.scale.ClassSummary;
import org.semanticscale.scale.SemanticScales;
import org.semanticscale.scale.WeightNormalization;
import org.semanticscale.volume.Volume;

/** Reading, comparing and recomputing the scales a streams-app published. */
public final class Scales {
    /**
     * Two runs over the same records may differ in the last bits only. A window's running scatter is kept
     * incrementally (vectors added, evicted ones reverted, an exact rebuild now and then); a restarted app
     * rebuilds it from the stored window by adding only the vectors still in it, so its float64 sums are
     * accumulated in another order. That drift is about 1e-14 relative (docs/semantic-scale.md,
     * 'Tolerances'); one vector more or less in a window of hundreds moves a volume by 1e-3 or more. 1e-9
     * separates the two by five orders of magnitude either way.
     */
    public static final double RUN_TO_RUN_TOLERANCE = 1e-9;
    /** Below this a value counts as zero for the relative comparison. */
    public static final double ABSOLUTE_FLOOR = 1e-12;

    private Scales() {}

    /** The last record of each class (the compacted topic's view). */
    public static Map<String, ScaleRecord> latest(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, ScaleRecord> out = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.value() != null) {
                out.put(new String(r.key(), StandardCharsets.UTF_8), ScaleRecords.fromJson(r.value()));
            }
        }
        return out;
    }

    /** Every field that differs between two runs' final scales, described; empty when they agree. */
    public static List<String> differences(
            Map<String, ScaleRecord> expected, Map<String, ScaleRecord> actual, double tolerance) {
        List<String> out = new ArrayList<>();
        if (!expected.keySet().equals(actual.keySet())) {
            out.add("classes " + expected.keySet() + " vs " + actual.keySet());
            return out;
        }
        for (String label : expected.keySet()) {
            ScaleRecord e = expected.get(label);
            ScaleRecord a = actual.get(label);
            exact(out, label, "n", e.n(), a.n());
            close(out, label, "volume", e.volume(), a.volume(), tolerance);
            close(out, label, "volumeNormalized", e.volumeNormalized(), a.volumeNormalized(), tolerance);
            close(out, label, "distanceWeight", e.distanceWeight(), a.distanceWeight(), tolerance);
            close(out, label, "scale", e.scale(), a.scale(), tolerance);
            close(out, label, "weight", e.weight(), a.weight(), tolerance);
            close(out, label, "classBalancedWeight", e.classBalancedWeight(), a.classBalancedWeight(), tolerance);
            exact(out, label, "saturated", e.saturated(), a.saturated());
            close(out, label, "saturationGain", e.saturationGain(), a.saturationGain(), tolerance);
            exact(out, label, "underrepresented", e.underrepresented(), a.underrepresented());
            exact(out, label, "modelVersion", e.modelVersion(), a.modelVersion());
            exact(out, label, "windowStart", e.windowStart(), a.windowStart());
            exact(out, label, "windowEnd", e.windowEnd(), a.windowEnd());
        }
        return out;
    }

    /** The largest relative difference of the numeric fields: how close two runs came. */
    public static double maxRelativeDifference(Map<String, ScaleRecord> a, Map<String, ScaleRecord> b) {
        double max = 0;
        for (String label : a.keySet()) {
            ScaleRecord x = a.get(label);
            ScaleRecord y = b.get(label);
            if (y == null) {
                return Double.POSITIVE_INFINITY;
            }
            for (double[] pair : new double[][] {
                {x.volume(), y.volume()},
                {x.volumeNormalized(), y.volumeNormalized()},
                {x.distanceWeight(), y.distanceWeight()},
                {x.scale(), y.scale()},
                {x.weight(), y.weight()},
                {x.classBalancedWeight(), y.classBalancedWeight()}
            }) {
                max = Math.max(max, relative(pair[0], pair[1]));
            }
        }
        return max;
    }

    /**
     * The scales of windows computed from scratch by the core (volume by Cholesky in float64, then
     * S and the weights), with the app's settings.
     */
    public static Map<String, ClassScale> fromScratch(
            Map<String, List<float[]>> windows,
            double alpha,
            WeightNormalization normalization,
            double beta,
            long minSamples) {
        List<ClassSummary> summaries = new ArrayList<>();
        windows.forEach((label, rows) -> {
            int d = rows.get(0).length;
            double[] mean = new double[d];
            for (float[] row : rows) {
                for (int k = 0; k < d; k++) {
                    mean[k] += row[k];
                }
            }
            for (int k = 0; k < d; k++) {
                mean[k] /= rows.size();
            }
            summaries.add(new ClassSummary(label, rows.size(), Volume.ofRows(rows.toArray(new float[0][])), mean));
        });
        Map<String, ClassScale> out = new TreeMap<>();
        new SemanticScales(alpha, normalization, beta, minSamples)
                .compute(summaries)
                .forEach(c -> out.put(c.label(), c));
        return out;
    }

    /** Differences between published scales and from-scratch ones beyond {@code tolerance}. */
    public static List<String> differencesFromScratch(
            Map<String, ClassScale> expected, Map<String, ScaleRecord> actual, double tolerance) {
        List<String> out = new ArrayList<>();
        for (var e : expected.entrySet()) {
            ScaleRecord a = actual.get(e.getKey());
            ClassScale x = e.getValue();
            if (a == null) {
                out.add(e.getKey() + ": not published");
                continue;
            }
            exact(out, e.getKey(), "n", x.n(), a.n());
            close(out, e.getKey(), "volume", x.volume(), a.volume(), tolerance);
            close(out, e.getKey(), "scale", x.scale(), a.scale(), tolerance);
            close(out, e.getKey(), "weight", x.weight(), a.weight(), tolerance);
        }
        return out;
    }

    /** The last {@code capacity} vectors of each class: its window when nothing is older than the span. */
    public static Map<String, List<float[]>> lastWindows(Map<String, List<float[]>> byClass, int capacity) {
        Map<String, List<float[]>> out = new TreeMap<>();
        byClass.forEach((label, rows) ->
                out.put(label, rows.subList(Math.max(0, rows.size() - capacity), rows.size())));
        return out;
    }

    private static void exact(List<String> out, String label, String field, Object e, Object a) {
        if (!e.equals(a)) {
            out.add(label + "." + field + ": " + e + " vs " + a);
        }
    }

    private static void close(List<String> out, String label, String field, double e, double a, double tolerance) {
        if (Double.isNaN(e) && Double.isNaN(a)) {
            return;
        }
        if (!(relative(e, a) <= tolerance)) {
            out.add(String.format(Locale.ROOT, "%s.%s: %.17g vs %.17g", label, field, e, a));
        }
    }

    private static double relative(double e, double a) {
        if (Double.isNaN(e) || Double.isNaN(a)) {
            return Double.isNaN(e) && Double.isNaN(a) ? 0 : Double.POSITIVE_INFINITY;
        }
        double scale = Math.max(Math.abs(e), Math.abs(a));
        return scale < ABSOLUTE_FLOOR ? 0 : Math.abs(e - a) / scale;
    }
}
