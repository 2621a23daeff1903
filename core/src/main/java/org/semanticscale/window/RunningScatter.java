package org.semanticscale.window;

import java.util.Arrays;
import org.semanticscale.volume.NonFiniteInputException;
import org.semanticscale.volume.Volume;

/**
 * Running mean and scatter matrix of a multiset of d-dimensional vectors, with their volume on demand.
 *
 * <p>Vectors in and out are not applied one by one: each is widened into a block of pending rows (one
 * block for vectors in, one for vectors out), and a block is applied as one rank-k update on the Gram
 * kernel when it is full or when the statistic is read. A rank-k update does the same multiply-adds as k
 * rank-1 updates but keeps a tile of the matrix in registers while the rows stream past, so a vector costs
 * a copy on arrival and a share of a fast kernel later (docs/decisions.md, 'Deferred, blocked scatter
 * updates').
 *
 * <p>The sums are kept about a fixed shift c, chosen as the mean of the first block applied to an empty
 * statistic:
 * <pre>
 *   n, b = sum (x - c), A = sum (x - c)(x - c)^T;   mean = c + b/n,   S = A - b b^T / n
 * </pre>
 * Adds and removes are then plain sums, so they commute and a block of each is one kernel call. The
 * cancellation in {@code A - b b^T / n} grows with the distance of the mean from c in units of the spread;
 * {@link SlidingWindow} rebuilds from the vectors it holds every few window lengths, which re-centres c.
 * {@link #volume()} factors {@code I + (d/n) S} by Cholesky, O(d^3/6): read once per batch of changes.
 */
public final class RunningScatter implements WindowStatistic {
    /** Rows applied per kernel call at most: a block of pending rows this tall is applied when full. */
    static final int BLOCK_ROWS = 64;

    private final int dimension;
    private final int stride;
    /** Vectors applied to the sums. */
    private long applied;
    /** The shift c of the sums; meaningful while {@code applied > 0}. */
    private final double[] shift;
    /** b = sum (x - c) over the vectors applied. */
    private final double[] sum;
    /** A = sum (x - c)(x - c)^T over the vectors applied: upper triangle, stride x stride. */
    private final double[] moments;

    private final PendingRows in;
    private final PendingRows out;
    /** A = sum of the removed block's outer products, before it is subtracted. */
    private double[] removedMoments;

    public RunningScatter(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, was " + dimension);
        }
        this.dimension = dimension;
        this.stride = Volume.paddedStride(dimension);
        this.shift = new double[dimension];
        this.sum = new double[dimension];
        this.moments = new double[stride * stride];
        this.in = new PendingRows(stride);
        this.out = new PendingRows(stride);
    }

    /** Adds one vector (checked: its dimension and every value finite). */
    @Override
    public void update(float[] x) {
        checkDimension(x);
        if (in.rows == BLOCK_ROWS) {
            settle();
        }
        in.append(x, (int) Math.min(count(), Integer.MAX_VALUE));
    }

    /** Removes one vector previously added; the caller guarantees it is a member. */
    @Override
    public void revert(float[] x) {
        checkDimension(x);
        long n = count();
        if (n == 0) {
            throw new IllegalStateException("cannot revert from an empty statistic");
        }
        if (n == 1) {
            clear();
            return;
        }
        if (out.rows == BLOCK_ROWS) {
            settle();
        }
        out.append(x, (int) Math.min(n, Integer.MAX_VALUE));
    }

    /** Forgets every vector. */
    public void clear() {
        applied = 0;
        Arrays.fill(sum, 0);
        Arrays.fill(moments, 0);
        in.rows = 0;
        out.rows = 0;
    }

    /** {@code 1/2 log2 det(I + (d/n) S)}, 0 for fewer than two vectors. */
    @Override
    public double volume() {
        return Volume.fromScatter(scatter(), dimension, count());
    }

    @Override
    public long count() {
        return applied + in.rows - out.rows;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** The current mean (zeros when empty). */
    public double[] mean() {
        settle();
        double[] m = new double[dimension];
        if (applied == 0) {
            return m;
        }
        for (int i = 0; i < dimension; i++) {
            m[i] = shift[i] + sum[i] / applied;
        }
        return m;
    }

    /** The scatter sum S, upper triangle of a new d x d row-major array. */
    double[] scatter() {
        settle();
        double[] s = new double[dimension * dimension];
        if (applied == 0) {
            return s;
        }
        double n = applied;
        for (int i = 0; i < dimension; i++) {
            double bi = sum[i] / n;
            for (int j = i; j < dimension; j++) {
                s[i * dimension + j] = moments[i * stride + j] - bi * sum[j];
            }
        }
        return s;
    }

    /** Applies the pending rows: the vectors in, then the vectors out, each block as one kernel call. */
    private void settle() {
        if (in.rows > 0) {
            if (applied == 0) {
                centreOnFirstBlock();
            }
            apply(in, moments);
            applied += in.rows;
            in.rows = 0;
        }
        if (out.rows > 0) {
            if (removedMoments == null) {
                removedMoments = new double[stride * stride];
            } else {
                Arrays.fill(removedMoments, 0);
            }
            // b and A of the removed rows are subtracted: accumulate them apart, then take them off.
            applyNegated(out);
            for (int i = 0; i < dimension; i++) {
                for (int j = i; j < dimension; j++) {
                    moments[i * stride + j] -= removedMoments[i * stride + j];
                }
            }
            applied -= out.rows;
            out.rows = 0;
        }
    }

    /** The first block applied to an empty statistic sets the shift to its own mean. */
    private void centreOnFirstBlock() {
        Arrays.fill(shift, 0);
        for (int r = 0; r < in.rows; r++) {
            int o = r * stride;
            for (int i = 0; i < dimension; i++) {
                shift[i] += in.raw[o + i];
            }
        }
        for (int i = 0; i < dimension; i++) {
            shift[i] /= in.rows;
        }
    }

    /** Shifts the block's rows by c, adds them to b and their Gram matrix to {@code target}. */
    private void apply(PendingRows block, double[] target) {
        shiftRows(block);
        for (int r = 0; r < block.rows; r++) {
            int o = r * stride;
            for (int i = 0; i < dimension; i++) {
                sum[i] += block.raw[o + i];
            }
        }
        Volume.addGramUpper(block.raw, block.rows, stride, target);
    }

    private void applyNegated(PendingRows block) {
        shiftRows(block);
        for (int r = 0; r < block.rows; r++) {
            int o = r * stride;
            for (int i = 0; i < dimension; i++) {
                sum[i] -= block.raw[o + i];
            }
        }
        Volume.addGramUpper(block.raw, block.rows, stride, removedMoments);
    }

    private void shiftRows(PendingRows block) {
        for (int r = 0; r < block.rows; r++) {
            int o = r * stride;
            for (int i = 0; i < dimension; i++) {
                block.raw[o + i] -= shift[i];
            }
        }
    }

    private void checkDimension(float[] x) {
        if (x.length != dimension) {
            throw new IllegalArgumentException("vector has dimension " + x.length + ", expected " + dimension);
        }
    }

    /**
     * Vectors waiting to be applied, widened to float64 rows of the padded stride (the padding stays zero).
     * Grows by doubling up to {@link #BLOCK_ROWS}, so a class that sees few vectors between reads keeps a
     * small buffer.
     */
    private static final class PendingRows {
        private final int stride;
        private double[] raw = new double[0];
        private int rows;

        PendingRows(int stride) {
            this.stride = stride;
        }

        /** Copies x in as the next row, checking every value is finite; {@code index} names it in errors. */
        void append(float[] x, int index) {
            if ((rows + 1) * stride > raw.length) {
                int capacity = Math.min(BLOCK_ROWS, Math.max(4, 2 * rows));
                raw = Arrays.copyOf(raw, capacity * stride);
            }
            int o = rows * stride;
            for (int i = 0; i < x.length; i++) {
                float v = x[i];
                if (!Float.isFinite(v)) {
                    throw new NonFiniteInputException(index, i, v);
                }
                raw[o + i] = v;
            }
            rows++;
        }
    }
}
