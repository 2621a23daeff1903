package org.semanticscale.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.semanticscale.dataset.IdxFiles;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.sketch.RandomProjection;
import org.semanticscale.window.RunningScatter;

/**
 * The measurements behind the input view's projection (docs/decisions.md, 'The input view's projection'):
 * Gaussian against very sparse entries, on Fashion-MNIST pixels (784 values in [0, 1]) projected to 256-d.
 *
 * <ol>
 *   <li>Accuracy: per class, the volume S' of a window of {@value #WINDOW} sketches, divided by the median over
 *       the classes (the figure the alerts read). Classes 0, 4 and 8 are narrowed as the replay's narrow
 *       profile does: {@value #WINDOW} draws from the K images nearest to an anchor. For each projection and
 *       seed the ten ratios; the table compares the sparse ratios with the Gaussian ones of the same seed, next
 *       to the Gaussian ratios' own spread over seeds (what the choice of seed alone changes).</li>
 *   <li>Speed: every training image projected, {@value #ROUNDS} rounds, median ns per image.</li>
 * </ol>
 *
 * <pre>  java -cp "benchmarks/target/classes:benchmarks/target/lib/*" org.semanticscale.benchmarks.ProjectionStudy [fashion-mnist dir]</pre>
 */
public final class ProjectionStudy {
    private static final int DIMENSION = 256;
    private static final int WINDOW = 512;
    private static final int ROUNDS = 7;
    private static final long[] SEEDS = {1, 2, 3, 4, 5};
    private static final List<String> NARROWED = List.of("0", "4", "8");

    private ProjectionStudy() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        if (!Files.isRegularFile(images)) {
            System.out.println(images + " not found (apt-get install dataset-fashion-mnist)");
            return;
        }
        LabelledVectors data = IdxFiles.read(images, dir.resolve("train-labels-idx1-ubyte.gz"));
        int d = data.dimension();
        Map<String, float[]> byLabel = data.rowsByLabel();
        for (int k : new int[] {0, 20, 100}) {
            System.out.println(
                    k == 0
                            ? "1. No class narrowed"
                            : "1. Classes 0, 4, 8 narrowed to their " + k + " images nearest an anchor");
            Map<String, List<float[]>> windows = windows(byLabel, d, k);
            accuracy(windows, d);
        }
        speed(data);
    }

    /** Each class's window: its last WINDOW images, or WINDOW draws from the k nearest to its first image. */
    private static Map<String, List<float[]>> windows(Map<String, float[]> byLabel, int d, int k) {
        Map<String, List<float[]>> out = new java.util.TreeMap<>();
        Random random = new Random(7);
        for (var e : byLabel.entrySet()) {
            float[] rows = e.getValue();
            int m = rows.length / d;
            List<float[]> w = new ArrayList<>();
            if (k > 0 && NARROWED.contains(e.getKey())) {
                Integer[] order = new Integer[m];
                double[] distance = new double[m];
                for (int r = 0; r < m; r++) {
                    order[r] = r;
                    double s = 0;
                    for (int i = 0; i < d; i++) {
                        double diff = rows[r * d + i] - rows[i];
                        s += diff * diff;
                    }
                    distance[r] = s;
                }
                Arrays.sort(order, (a, b) -> Double.compare(distance[a], distance[b]));
                for (int t = 0; t < WINDOW; t++) {
                    int r = order[random.nextInt(k)];
                    w.add(Arrays.copyOfRange(rows, r * d, (r + 1) * d));
                }
            } else {
                for (int r = m - WINDOW; r < m; r++) {
                    w.add(Arrays.copyOfRange(rows, r * d, (r + 1) * d));
                }
            }
            out.put(e.getKey(), w);
        }
        return out;
    }

    private static void accuracy(Map<String, List<float[]>> windows, int d) {
        List<String> labels = new ArrayList<>(windows.keySet());
        double[][] gaussian = new double[SEEDS.length][];
        double[][] sparse = new double[SEEDS.length][];
        for (int s = 0; s < SEEDS.length; s++) {
            gaussian[s] = ratios(windows, RandomProjection.gaussian(SEEDS[s], d, DIMENSION));
            sparse[s] = ratios(windows, RandomProjection.sparse(SEEDS[s], d, DIMENSION));
        }
        System.out.println(
                "class  S'/median: gaussian (min..max over seeds)  sparse (min..max)   |sparse - gaussian|, same seed: max");
        double worstGap = 0;
        double widestGaussian = 0;
        for (int c = 0; c < labels.size(); c++) {
            double gMin = Double.MAX_VALUE, gMax = -Double.MAX_VALUE, sMin = Double.MAX_VALUE, sMax = -Double.MAX_VALUE;
            double gap = 0;
            for (int s = 0; s < SEEDS.length; s++) {
                gMin = Math.min(gMin, gaussian[s][c]);
                gMax = Math.max(gMax, gaussian[s][c]);
                sMin = Math.min(sMin, sparse[s][c]);
                sMax = Math.max(sMax, sparse[s][c]);
                gap = Math.max(gap, Math.abs(sparse[s][c] - gaussian[s][c]));
            }
            worstGap = Math.max(worstGap, gap);
            widestGaussian = Math.max(widestGaussian, gMax - gMin);
            System.out.printf(
                    Locale.ROOT,
                    "%-5s  %.3f (%.3f..%.3f)                    %.3f (%.3f..%.3f)   %.3f%n",
                    labels.get(c),
                    mean(column(gaussian, c)),
                    gMin,
                    gMax,
                    mean(column(sparse, c)),
                    sMin,
                    sMax,
                    gap);
        }
        System.out.printf(
                Locale.ROOT,
                "largest |sparse - gaussian| %.3f; widest Gaussian spread over seeds %.3f%n%n",
                worstGap,
                widestGaussian);
    }

    /** Each class's S' over the median S' of the classes, under one projection. */
    private static double[] ratios(Map<String, List<float[]>> windows, RandomProjection p) {
        double[] volumes = new double[windows.size()];
        int c = 0;
        for (List<float[]> w : windows.values()) {
            RunningScatter s = new RunningScatter(p.dimension());
            for (float[] x : w) {
                s.update(p.project(x));
            }
            volumes[c++] = s.volume();
        }
        double[] sorted = volumes.clone();
        Arrays.sort(sorted);
        double median = (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
        for (int i = 0; i < volumes.length; i++) {
            volumes[i] /= median;
        }
        return volumes;
    }

    private static void speed(LabelledVectors data) {
        System.out.println("2. Projecting every training image (" + data.size() + " x " + data.dimension() + ") to "
                + DIMENSION + "-d, median of " + ROUNDS + " rounds");
        float[][] rows = new float[data.size()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = data.row(r);
        }
        for (RandomProjection.Kind kind : RandomProjection.Kind.values()) {
            RandomProjection p = RandomProjection.of(kind, 1, data.dimension(), DIMENSION);
            double[] nanos = new double[ROUNDS];
            float sink = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                for (float[] x : rows) {
                    sink += p.project(x)[0];
                }
                nanos[round] = (System.nanoTime() - start) / (double) rows.length;
            }
            Arrays.sort(nanos);
            System.out.printf(
                    Locale.ROOT,
                    "%-9s %8.0f ns per image (rounds %.0f..%.0f), %d non-zero entries%s%n",
                    kind.configName(),
                    nanos[ROUNDS / 2],
                    nanos[0],
                    nanos[ROUNDS - 1],
                    p.nonZeros(),
                    sink == 12345 ? "!" : "");
        }
    }

    private static double[] column(double[][] m, int c) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i][c];
        }
        return out;
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }
}
