package org.semanticscale.replay;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.semanticscale.dataset.LabelledVectors;

/**
 * One class narrowed by one {@link Profile.Narrow} layer of a plan: the anchor the seed chose, the K
 * rows of the class nearest to it (Euclidean distance over the raw training vectors, the anchor
 * itself first), and the stretch of the stream, as fractions, in which every sample of the class is
 * drawn from those rows.
 *
 * @param label  the class
 * @param anchor training-set row of the anchor
 * @param pool   training-set rows of the K nearest, nearest first (ties by row)
 * @param from   start of the stretch, as a fraction of the stream
 * @param to     end of the stretch (exclusive)
 */
public record Narrowing(String label, int anchor, List<Integer> pool, double from, double to) {
    public Narrowing {
        pool = List.copyOf(pool);
    }

    /**
     * Chooses the anchor among {@code classRows} with {@code random} and finds its {@code k} nearest.
     * Costs one pass over the class: n x d multiply-adds and a sort of n distances.
     */
    static Narrowing around(
            String label,
            List<Integer> classRows,
            LabelledVectors train,
            int k,
            double from,
            double to,
            Random random) {
        int anchor = classRows.get(random.nextInt(classRows.size()));
        return new Narrowing(label, anchor, nearest(train, classRows, anchor, k), from, to);
    }

    /** The {@code k} rows of {@code candidates} nearest to row {@code anchor}, nearest first, ties by row. */
    static List<Integer> nearest(LabelledVectors train, List<Integer> candidates, int anchor, int k) {
        int n = candidates.size();
        int d = train.dimension();
        float[] a = train.row(anchor);
        float[] x = new float[d];
        double[] distance = new double[n];
        for (int i = 0; i < n; i++) {
            train.copyRow(candidates.get(i), x, 0);
            // ||x - a||^2: the square keeps the order of the distance and needs no root.
            double sum = 0;
            for (int j = 0; j < d; j++) {
                double diff = x[j] - a[j];
                sum += diff * diff;
            }
            distance[i] = sum;
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> distance[i]).thenComparingInt(candidates::get));
        return Arrays.stream(order, 0, k).map(candidates::get).toList();
    }

    /** One row drawn uniformly, with replacement, from the pool. */
    int draw(Random random) {
        return pool.get(random.nextInt(pool.size()));
    }
}
