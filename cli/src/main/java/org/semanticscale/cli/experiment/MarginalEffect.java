package org.semanticscale.cli.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.volume.Volume;

/**
 * The marginal effect (docs/semantic-scale.md, 'Volume of one class'): the volume S' of the first m samples
 * of a class as m grows. It rises quickly, then saturates: past some size, more samples add little diversity.
 */
final class MarginalEffect {
    /** The smallest m of a curve: fewer samples span no volume. */
    static final int FIRST_M = 4;

    private MarginalEffect() {}

    /**
     * One curve.
     *
     * @param m      sample counts, increasing
     * @param volume S' of the first m samples of the class (in the given order)
     */
    record Curve(String label, String name, int[] m, double[] volume) {}

    /**
     * Curves for every class among the rows: S' of prefixes of each class's rows (in row order,
     * shuffled by the caller) at m = 4, 8, 16, ... and the class's full count.
     *
     * @param features the rows' vectors, row after row, {@code dim} each
     * @param rows     the rows' labels (their values are not used)
     */
    static List<Curve> curves(
            float[] features, int dim, LabelledVectors rows, List<String> classes, UnaryOperator<String> names) {
        Map<String, float[]> byClass = new LinkedHashMap<>();
        Map<String, Integer> filled = new LinkedHashMap<>();
        Map<String, Integer> counts = rows.counts();
        for (String label : classes) {
            byClass.put(label, new float[counts.getOrDefault(label, 0) * dim]);
            filled.put(label, 0);
        }
        for (int r = 0; r < rows.size(); r++) {
            String label = rows.label(r);
            float[] target = byClass.get(label);
            if (target == null) {
                continue;
            }
            int at = filled.merge(label, 1, Integer::sum) - 1;
            System.arraycopy(features, r * dim, target, at * dim, dim);
        }
        List<Curve> out = new ArrayList<>();
        for (String label : classes) {
            float[] vectors = byClass.get(label);
            int n = vectors.length / dim;
            int[] grid = grid(n);
            double[] volume = new double[grid.length];
            for (int i = 0; i < grid.length; i++) {
                volume[i] = Volume.ofFlat(Arrays.copyOf(vectors, grid[i] * dim), grid[i], dim);
            }
            out.add(new Curve(label, names.apply(label), grid, volume));
        }
        return out;
    }

    /** 4, 8, 16, ... below n, then n itself; empty below 4. */
    static int[] grid(int n) {
        List<Integer> m = new ArrayList<>();
        for (int k = FIRST_M; k < n; k *= 2) {
            m.add(k);
        }
        if (n >= FIRST_M) {
            m.add(n);
        }
        return m.stream().mapToInt(Integer::intValue).toArray();
    }
}
