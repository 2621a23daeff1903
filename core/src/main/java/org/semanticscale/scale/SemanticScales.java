package org.semanticscale.scale;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Semantic scales and loss weights over the classes currently seen (docs/semantic-scale.md, 'From volume to
 * semantic scale' and 'Loss weights'):
 *
 * <pre>
 *   S'n_i = S'_i / max_j S'_j
 *   w_i   = 1/(C-1) * sum_j ||o_i - o_j||_2,   W'_i = w_i / max_j w_j,   W_i = log2(alpha + W'_i)
 *   S_i   = S'n_i * W_i
 *   a_i   = (1/S_i) / sum_j (1/S_j)            (times C for sum-to-classes)
 * </pre>
 *
 * <p>Only classes with at least {@code minSamples} vectors and a positive volume take part (C counts
 * them). The others get no scale (NaN) and the mean weight of the classes that have one; with no
 * such class at all every weight is the neutral one (1/C or 1). With C = 1, W = log2(alpha + 1); when
 * all centres coincide, W' = 1 for every class.
 */
public final class SemanticScales {
    /** alpha for long-tailed data, the paper's choice. */
    public static final double DEFAULT_ALPHA = 2.0;
    /** Fewer vectors than this span no meaningful volume. */
    public static final int DEFAULT_MIN_SAMPLES = 2;

    private final double alpha;
    private final WeightNormalization normalization;
    private final double beta;
    private final long minSamples;

    public SemanticScales(double alpha, WeightNormalization normalization, double beta, long minSamples) {
        if (!(alpha >= 1) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a finite number >= 1, was " + alpha);
        }
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("beta must be in [0, 1), was " + beta);
        }
        if (minSamples < 2) {
            throw new IllegalArgumentException("minSamples must be at least 2, was " + minSamples);
        }
        this.alpha = alpha;
        this.normalization = java.util.Objects.requireNonNull(normalization, "normalization");
        this.beta = beta;
        this.minSamples = minSamples;
    }

    /** alpha = 2, sum-to-one, beta = 0.9999, at least 2 samples. */
    public static SemanticScales withDefaults() {
        return new SemanticScales(
                DEFAULT_ALPHA, WeightNormalization.SUM_TO_ONE, ClassBalancedWeights.DEFAULT_BETA, DEFAULT_MIN_SAMPLES);
    }

    /** Scales of every class, in the order given, from scratch. */
    public List<ClassScale> compute(Collection<ClassSummary> summaries) {
        return compute(summaries, new CentreDistanceSums());
    }

    /**
     * Scales of every class, in the order given, with the distance sums kept by {@code distances} from its
     * last call: what changed since then costs O(changed x C x d) instead of O(C^2 d) from scratch. The
     * classes given replace those of the last call (labels must be unique); the result equals the
     * from-scratch one to rounding.
     */
    public List<ClassScale> compute(Collection<ClassSummary> summaries, CentreDistanceSums distances) {
        List<ClassSummary> classes = new ArrayList<>(summaries);
        int total = classes.size();
        boolean[] eligible = new boolean[total];
        int c = 0;
        double maxVolume = 0;
        for (int i = 0; i < total; i++) {
            ClassSummary s = classes.get(i);
            eligible[i] = s.n() >= minSamples && s.volume() > 0 && Double.isFinite(s.volume());
            if (eligible[i]) {
                c++;
                maxVolume = Math.max(maxVolume, s.volume());
            }
        }

        // w_i = 1/(C-1) * sum over the other eligible classes j of ||o_i - o_j||.
        double[] meanDistance = distances.sums(classes, eligible);
        for (int i = 0; c > 1 && i < total; i++) {
            meanDistance[i] /= c - 1;
        }
        double maxDistance = 0;
        for (int i = 0; i < total; i++) {
            if (eligible[i]) {
                maxDistance = Math.max(maxDistance, meanDistance[i]);
            }
        }

        double[] volumeNormalized = new double[total];
        double[] distanceWeight = new double[total];
        double[] scale = new double[total];
        double inverseSum = 0;
        for (int i = 0; i < total; i++) {
            if (!eligible[i]) {
                volumeNormalized[i] = distanceWeight[i] = scale[i] = Double.NaN;
                continue;
            }
            volumeNormalized[i] = classes.get(i).volume() / maxVolume;
            double relativeDistance = c == 1 || maxDistance == 0 ? 1 : meanDistance[i] / maxDistance;
            distanceWeight[i] = log2(alpha + relativeDistance);
            scale[i] = volumeNormalized[i] * distanceWeight[i];
            inverseSum += 1 / scale[i];
        }

        double factor = normalization == WeightNormalization.SUM_TO_CLASSES ? c : 1;
        double[] weight = new double[total];
        double weightSum = 0;
        for (int i = 0; i < total; i++) {
            if (eligible[i]) {
                weight[i] = factor * (1 / scale[i]) / inverseSum;
                weightSum += weight[i];
            }
        }
        double fallback = c > 0
                ? weightSum / c
                : normalization == WeightNormalization.SUM_TO_CLASSES ? 1 : 1.0 / Math.max(total, 1);
        long[] counts = new long[total];
        for (int i = 0; i < total; i++) {
            counts[i] = classes.get(i).n();
            if (!eligible[i]) {
                weight[i] = fallback;
            }
        }
        double[] classBalanced = ClassBalancedWeights.of(counts, beta);

        List<ClassScale> result = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            ClassSummary s = classes.get(i);
            result.add(new ClassScale(
                    s.label(),
                    s.n(),
                    s.volume(),
                    volumeNormalized[i],
                    distanceWeight[i],
                    scale[i],
                    weight[i],
                    classBalanced[i]));
        }
        return result;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    public double alpha() {
        return alpha;
    }

    public WeightNormalization normalization() {
        return normalization;
    }

    public double beta() {
        return beta;
    }

    public long minSamples() {
        return minSamples;
    }
}
