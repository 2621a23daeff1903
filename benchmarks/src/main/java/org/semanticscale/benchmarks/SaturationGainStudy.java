package org.semanticscale.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.semanticscale.dataset.IdxFiles;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.scale.Saturation;
import org.semanticscale.window.HalvedScatter;

/**
 * The measurements behind {@code saturation.threshold}'s default and the choice of the half volume
 * (docs/decisions.md, 'Saturation from two halves of the window'). Prints, per window size n, the
 * saturation gain {@code (Vol(window) - Vol(half)) / Vol(window)} with the half read two ways: the even
 * arrivals alone, and the mean of the even and the odd arrivals' volumes.
 *
 * <ol>
 *   <li>A fixed 64-d Gaussian (isotropic, and with a spectrum decaying as exp(-k/16)), slid through a
 *       window of n: mean and standard deviation of the gain over the slides, read every n/8 arrivals.</li>
 *   <li>Fashion-MNIST's training images, per class in file order: the first n pixels vectors (784-d,
 *       in [0, 1]) and their fixed, seeded Gaussian projection to 64-d: median, min and max over the
 *       ten classes.</li>
 * </ol>
 *
 * <pre>  java -cp "benchmarks/target/classes:benchmarks/target/lib/*" org.semanticscale.benchmarks.SaturationGainStudy [fashion-mnist dir]</pre>
 */
public final class SaturationGainStudy {
    private static final int D = 64;
    private static final long SEED = 17;

    private SaturationGainStudy() {}

    public static void main(String[] args) throws IOException {
        System.out.println("1. Fixed 64-d Gaussian, a sliding window of n (gain: mean +- sd over the slides)");
        System.out.println("spectrum     n     n/d   even half            mean of both halves");
        for (String spectrum : List.of("isotropic", "decaying")) {
            for (int n : new int[] {16, 32, 64, 128, 256, 384, 512, 1024, 2048}) {
                double[][] gains = slidingGains(gaussian(spectrum, 6 * n, new Random(SEED + n)), n);
                System.out.printf(
                        Locale.ROOT,
                        "%-10s %5d %6.2f   %.4f +- %.4f      %.4f +- %.4f%n",
                        spectrum,
                        n,
                        (double) n / D,
                        mean(gains[0]),
                        sd(gains[0]),
                        mean(gains[1]),
                        sd(gains[1]));
            }
        }
        Path dir = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        if (!Files.isRegularFile(images)) {
            System.out.println("2. Fashion-MNIST: " + images + " not found (apt-get install dataset-fashion-mnist)");
            return;
        }
        LabelledVectors data = IdxFiles.read(images, dir.resolve("train-labels-idx1-ubyte.gz"));
        float[] projection = projection(data.dimension(), D, new Random(SEED));
        Map<String, float[]> byLabel = data.rowsByLabel();
        System.out.println();
        System.out.println("2. Fashion-MNIST, the first n images of each class (gain of the mean of both halves:");
        System.out.println("   median [min, max] over the 10 classes)");
        System.out.println("view              n     gain");
        for (boolean projected : new boolean[] {true, false}) {
            for (int n : new int[] {64, 256, 1024, 2048, 4096, 6000}) {
                double[] gains = new double[byLabel.size()];
                int c = 0;
                for (float[] rows : byLabel.values()) {
                    int d = data.dimension();
                    HalvedScatter s = new HalvedScatter(projected ? D : d);
                    for (int r = 0; r < Math.min(n, rows.length / d); r++) {
                        float[] row = Arrays.copyOfRange(rows, r * d, (r + 1) * d);
                        s.update(projected ? project(row, projection, D) : row);
                    }
                    gains[c++] = Saturation.gain(s.volume(), s.halfVolume());
                }
                Arrays.sort(gains);
                System.out.printf(
                        Locale.ROOT,
                        "%-14s %5d     %.4f [%.4f, %.4f]%n",
                        projected ? "projected 64-d" : "pixels 784-d",
                        n,
                        median(gains),
                        gains[0],
                        gains[gains.length - 1]);
            }
        }
    }

    /** Gains of the even half (row 0) and of the mean of both halves (row 1), every n/8 slides once full. */
    private static double[][] slidingGains(float[][] stream, int n) {
        HalvedScatter s = new HalvedScatter(stream[0].length);
        ArrayDeque<float[]> window = new ArrayDeque<>();
        List<double[]> out = new ArrayList<>();
        int every = Math.max(1, n / 8);
        for (int i = 0; i < stream.length; i++) {
            s.update(stream[i]);
            window.addLast(stream[i]);
            if (window.size() > n) {
                s.revert(window.pollFirst());
            }
            if (window.size() == n && (i + 1 - n) % every == 0) {
                double v = s.volume();
                out.add(new double[] {Saturation.gain(v, s.evenVolume()), Saturation.gain(v, s.halfVolume())});
            }
        }
        double[][] gains = new double[2][out.size()];
        for (int i = 0; i < out.size(); i++) {
            gains[0][i] = out.get(i)[0];
            gains[1][i] = out.get(i)[1];
        }
        return gains;
    }

    /** m draws of x = A z, z standard normal; A is the identity or a fixed matrix with columns scaled by exp(-k/16). */
    private static float[][] gaussian(String spectrum, int m, Random random) {
        double[] a = new double[D * D];
        Random fixed = new Random(SEED);
        for (int i = 0; i < D; i++) {
            for (int k = 0; k < D; k++) {
                a[i * D + k] =
                        spectrum.equals("isotropic") ? (i == k ? 1 : 0) : fixed.nextGaussian() * Math.exp(-k / 16.0);
            }
        }
        float[][] rows = new float[m][D];
        double[] z = new double[D];
        for (float[] row : rows) {
            for (int k = 0; k < D; k++) {
                z[k] = random.nextGaussian();
            }
            for (int i = 0; i < D; i++) {
                double x = 0;
                for (int k = 0; k < D; k++) {
                    x += a[i * D + k] * z[k];
                }
                row[i] = (float) x;
            }
        }
        return rows;
    }

    /** A fixed Gaussian projection from {@code from} to {@code to} dimensions, scaled by 1/sqrt(to). */
    private static float[] projection(int from, int to, Random random) {
        float[] p = new float[from * to];
        double scale = 1 / Math.sqrt(to);
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (random.nextGaussian() * scale);
        }
        return p;
    }

    private static float[] project(float[] x, float[] p, int to) {
        float[] y = new float[to];
        for (int i = 0; i < x.length; i++) {
            float xi = x[i];
            if (xi != 0) {
                int o = i * to;
                for (int j = 0; j < to; j++) {
                    y[j] += xi * p[o + j];
                }
            }
        }
        return y;
    }

    /** Median of sorted values. */
    private static double median(double[] sorted) {
        int h = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
    }

    private static double mean(double[] xs) {
        return Arrays.stream(xs).average().orElse(Double.NaN);
    }

    private static double sd(double[] xs) {
        double m = mean(xs);
        return Math.sqrt(Arrays.stream(xs).map(x -> (x - m) * (x - m)).sum() / Math.max(1, xs.length - 1));
    }
}
