package org.semanticscale.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.semanticscale.scale.ClassSummary;
import org.semanticscale.volume.Volume;

/** From-scratch class summaries (count, volume, mean) of a whole data set: the batch path to scales. */
public final class ClassSummaries {
    private ClassSummaries() {}

    /** One summary per class, in label order. */
    public static List<ClassSummary> of(LabelledVectors data) {
        return of(data, (label, millis) -> {});
    }

    /**
     * One summary per class, in label order, telling {@code progress} each class and the milliseconds
     * its volume took (the slow part: O(m d^2) per class). Classes run in parallel on the common
     * fork-join pool when there are cores for it, so {@code progress} hears of them in the order they
     * finish, possibly from several threads at once.
     */
    public static List<ClassSummary> of(LabelledVectors data, BiConsumer<ClassSummary, Long> progress) {
        int d = data.dimension();
        List<Map.Entry<String, float[]>> classes =
                new ArrayList<>(data.rowsByLabel().entrySet());
        return IntStream.range(0, classes.size())
                .parallel()
                .mapToObj(i -> {
                    float[] rows = classes.get(i).getValue();
                    int m = rows.length / d;
                    long start = System.nanoTime();
                    double volume = Volume.ofFlat(rows, m, d);
                    ClassSummary summary = new ClassSummary(classes.get(i).getKey(), m, volume, mean(rows, m, d));
                    progress.accept(summary, (System.nanoTime() - start) / 1_000_000);
                    return summary;
                })
                .collect(Collectors.toList());
    }

    private static double[] mean(float[] rows, int m, int d) {
        double[] mean = new double[d];
        for (int r = 0; r < m; r++) {
            int o = r * d;
            for (int k = 0; k < d; k++) {
                mean[k] += rows[o + k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= m;
        }
        return mean;
    }
}
