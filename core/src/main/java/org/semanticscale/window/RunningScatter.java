package org.semanticscale.window;

import org.semanticscale.volume.NonFiniteInputException;
import org.semanticscale.volume.Volume;

/**
 * Running mean and scatter matrix of a multiset of d-dimensional vectors, with their volume on demand.
 *
 * <p>Welford's update and its exact inverse (West 1979; the rolling form River uses):
 * <pre>
 *   update(x): n' = n+1, delta = x - mean, mean += delta/n',  S += (n/n')  delta delta^T
 *   revert(x): n' = n-1, delta = x - mean, mean -= delta/n',  S -= (n/n') delta delta^T
 * </pre>
 * Each is O(d^2) on the upper triangle of S; {@link #volume()} factors {@code I + (d/n) S} by Cholesky,
 * O(d^3/6), so read it once per batch of changes rather than per vector. Rounding accumulates over
 * many reverts; {@link SlidingWindow} bounds it by rebuilding from the vectors it holds.
 */
public final class RunningScatter implements WindowStatistic {
    private final int dimension;
    private long count;
    private final double[] mean;
    /** Upper triangle of the d x d scatter sum (x - mean)(x - mean)^T, row-major. */
    private final double[] scatter;

    private final double[] delta;

    public RunningScatter(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, was " + dimension);
        }
        this.dimension = dimension;
        this.mean = new double[dimension];
        this.scatter = new double[dimension * dimension];
        this.delta = new double[dimension];
    }

    /** Adds one vector. */
    @Override
    public void update(float[] x) {
        checkVector(x);
        long n1 = count + 1;
        for (int i = 0; i < dimension; i++) {
            double di = x[i] - mean[i];
            delta[i] = di;
            mean[i] += di / n1;
        }
        rankOne((double) count / n1);
        count = n1;
    }

    /** Removes one vector previously added; the caller guarantees it is a member. */
    @Override
    public void revert(float[] x) {
        checkVector(x);
        if (count == 0) {
            throw new IllegalStateException("cannot revert from an empty statistic");
        }
        if (count == 1) {
            clear();
            return;
        }
        long n1 = count - 1;
        for (int i = 0; i < dimension; i++) {
            double di = x[i] - mean[i];
            delta[i] = di;
            mean[i] -= di / n1;
        }
        rankOne(-(double) count / n1);
        count = n1;
    }

    /** Forgets every vector. */
    public void clear() {
        count = 0;
        java.util.Arrays.fill(mean, 0);
        java.util.Arrays.fill(scatter, 0);
    }

    /** {@code 1/2 log2 det(I + (d/n) S)}, 0 for fewer than two vectors. */
    @Override
    public double volume() {
        return Volume.fromScatter(scatter, dimension, count);
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** A copy of the current mean (zeros when empty). */
    public double[] mean() {
        return mean.clone();
    }

    /** The mean itself, not a copy ({@link HalvedScatter} combines two without allocating). */
    double[] meanView() {
        return mean;
    }

    /** The upper triangle of the scatter sum itself, not a copy. */
    double[] scatterView() {
        return scatter;
    }

    /** S += c * delta delta^T on the upper triangle. */
    private void rankOne(double c) {
        Volume.addScaledOuterUpper(scatter, dimension, c, delta);
    }

    private void checkVector(float[] x) {
        if (x.length != dimension) {
            throw new IllegalArgumentException("vector has dimension " + x.length + ", expected " + dimension);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new NonFiniteInputException((int) Math.min(count, Integer.MAX_VALUE), i, x[i]);
            }
        }
    }
}
