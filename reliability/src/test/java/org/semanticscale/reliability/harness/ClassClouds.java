package org.semanticscale.reliability.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Many classes of feature vectors, each a Gaussian cloud around its own seeded centre, sent in phases:
 * a class's spread can change from one phase to the next (it narrows or widens at an unchanged count).
 * Class {@code i} is labelled {@code "k" + i}; the first half are wide ({@link #WIDE}), the second half
 * narrow ({@link #NARROW}), so with full windows S / max S sits near 1 or near 0.4 and no class ends in
 * the alert's hysteresis band.
 */
public final class ClassClouds {
    /** Spread of the head half: S / max S near 1. */
    public static final double WIDE = 1.0;
    /** Spread of the tail half: S / max S near 0.4 with 32 vectors of 64-d, below the alert threshold 0.5. */
    public static final double NARROW = 0.2;
    /** Spread of a class collapsed onto almost one point: S / max S near 0. */
    public static final double POINT = 0.01;

    private final int classes;
    private final int dimension;
    private final float[][] centres;
    private final Random random;
    private long nextTimestamp;

    /** @param firstTimestamp event time of the first vector; each next one is 1 ms later */
    public ClassClouds(int classes, int dimension, long firstTimestamp, long seed) {
        this.classes = classes;
        this.dimension = dimension;
        this.random = new Random(seed);
        this.centres = new float[classes][dimension];
        for (float[] c : centres) {
            for (int k = 0; k < dimension; k++) {
                c[k] = (float) (4 * random.nextGaussian());
            }
        }
        this.nextTimestamp = firstTimestamp;
    }

    public static String label(int i) {
        return "k" + i;
    }

    public int classes() {
        return classes;
    }

    /** The spread class {@code i} starts with. */
    public double initialSpread(int i) {
        return i < classes / 2 ? WIDE : NARROW;
    }

    /**
     * The first phase: class {@code i} gets {@code floor + round(extra * 10^(-3 i / (C - 1)))} vectors at its
     * initial spread (a long tail over three decades of the extra), interleaved round-robin so every
     * class is under way early.
     */
    public List<FeatureData.Vector> longTail(int floor, int extra) {
        int[] left = new int[classes];
        for (int i = 0; i < classes; i++) {
            left[i] = floor + (int) Math.round(extra * Math.pow(10, -3.0 * i / (classes - 1)));
        }
        List<FeatureData.Vector> out = new ArrayList<>();
        boolean any = true;
        while (any) {
            any = false;
            for (int i = 0; i < classes; i++) {
                if (left[i] > 0) {
                    left[i]--;
                    any = true;
                    out.add(vector(i, initialSpread(i)));
                }
            }
        }
        return out;
    }

    /** {@code count} vectors of each listed class at {@code spread}, interleaved round-robin. */
    public List<FeatureData.Vector> reshape(List<Integer> members, int count, double spread) {
        List<FeatureData.Vector> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            for (int i : members) {
                out.add(vector(i, spread));
            }
        }
        return out;
    }

    private FeatureData.Vector vector(int i, double spread) {
        float[] v = new float[dimension];
        for (int k = 0; k < dimension; k++) {
            v[k] = (float) (centres[i][k] + spread * random.nextGaussian());
        }
        return new FeatureData.Vector(label(i), v, nextTimestamp++);
    }
}
