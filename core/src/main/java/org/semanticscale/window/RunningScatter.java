package org.semanticscale.window;

import java.util.Arrays;
import org.semanticscale.volume.NonFiniteInputException;
import org.semanticscale.volume.Volume;

/**
 * Running mean and scatter matrix of a multiset of d-dimensional vectors, with their volume on demand.
 *
 * <p>Vectors in and out are not applied one by one: each joins a block of pending vectors (one block for
 * vectors in, one for vectors out, held by reference), and a block is widened and applied as one rank-k
 * update on the Gram kernel when it is full or when the statistic is read. A rank-k update does the same
 * multiply-adds as k rank-1 updates but keeps a tile of the matrix in registers while the rows stream past,
 * so a vector costs a reference on arrival and a share of a fast kernel later (docs/decisions.md, 'The
 * streams-app's hot path').
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

    public RunningScatter(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, was " + dimension);
        }
        this.dimension = dimension;
        this.stride = Volume.paddedStride(dimension);
        this.shift = new double[dimension];
        this.sum = new double[dimension];
        this.moments = new double[stride * stride];
        this.in = new PendingRows();
        this.out = new PendingRows();
    }

    /**
     * Adds one vector (checked: its dimension and every value finite). The array is held until the next read or
     * full block: the caller must not change it before then (a window's vectors never change).
     */
    @Override
    public void update(float[] x) {
        checkVector(x, dimension, count());
        if (in.rows == BLOCK_ROWS) {
            settle();
        }
        in.append(x);
    }

    /** Removes one vector previously added (held like {@link #update}'s); the caller guarantees it is a member. */
    @Override
    public void revert(float[] x) {
        checkDimension(x, dimension);
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
        out.append(x); // checked when it was added
    }

    /** Forgets every vector. */
    public void clear() {
        applied = 0;
        Arrays.fill(sum, 0);
        Arrays.fill(moments, 0);
        in.clear();
        out.clear();
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
                centreOn(in);
            }
            apply(in, moments, 1);
            applied += in.rows;
            in.clear();
        }
        if (out.rows > 0) {
            // b and A of the removed rows are subtracted: accumulate them apart (in a per-thread work matrix, so
            // thousands of windows do not each keep a second d x d matrix), then take them off.
            double[] removedMoments = work(REMOVED, stride * stride);
            Arrays.fill(removedMoments, 0, stride * stride, 0);
            apply(out, removedMoments, -1);
            for (int i = 0; i < dimension; i++) {
                for (int j = i; j < dimension; j++) {
                    moments[i * stride + j] -= removedMoments[i * stride + j];
                }
            }
            applied -= out.rows;
            out.clear();
        }
    }

    /** The first block applied to an empty statistic sets the shift to its own mean. */
    private void centreOn(PendingRows block) {
        Arrays.fill(shift, 0);
        for (int r = 0; r < block.rows; r++) {
            float[] x = block.vectors[r];
            for (int i = 0; i < dimension; i++) {
                shift[i] += x[i];
            }
        }
        for (int i = 0; i < dimension; i++) {
            shift[i] /= block.rows;
        }
    }

    /**
     * Widens the block's vectors, shifted by c, into float64 rows of the padded stride, adds
     * {@code sign} times their sum to b and their Gram matrix to {@code target}.
     */
    private void apply(PendingRows block, double[] target, int sign) {
        double[] rows = work(ROWS, block.rows * stride);
        for (int r = 0; r < block.rows; r++) {
            float[] x = block.vectors[r];
            int o = r * stride;
            for (int i = 0; i < dimension; i++) {
                double v = x[i] - shift[i];
                rows[o + i] = v;
                sum[i] += sign * v;
            }
        }
        Volume.addGramUpper(rows, block.rows, stride, target);
    }

    /**
     * A work array of at least {@code length} doubles, shared by the statistics of this thread: the rows exist only
     * while a block is applied, so one array per thread serves every window (and stays in cache). Its padding
     * columns may hold another statistic's values: entry (i, j) of a Gram matrix reads only columns i and j, so
     * they reach only entries beyond the d x d block, which are never read.
     */
    private static double[] work(ThreadLocal<double[]> holder, int length) {
        double[] a = holder.get();
        if (a.length < length) {
            a = new double[length];
            holder.set(a);
        }
        return a;
    }

    private static final ThreadLocal<double[]> ROWS = ThreadLocal.withInitial(() -> new double[0]);
    private static final ThreadLocal<double[]> REMOVED = ThreadLocal.withInitial(() -> new double[0]);

    private static void checkDimension(float[] x, int dimension) {
        if (x.length != dimension) {
            throw new IllegalArgumentException("vector has dimension " + x.length + ", expected " + dimension);
        }
    }

    /**
     * Refuses a vector of another dimension or with a non-finite value; {@code index} names it in the error.
     * The one check of a vector entering a window, whether its statistic takes it now or is rebuilt later.
     */
    static void checkVector(float[] x, int dimension, long index) {
        checkDimension(x, dimension);
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new NonFiniteInputException((int) Math.min(index, Integer.MAX_VALUE), i, x[i]);
            }
        }
    }

    /**
     * Vectors waiting to be applied: references to the caller's arrays, so a vector costs nothing until its block
     * is applied. Grows by doubling up to {@link #BLOCK_ROWS}.
     */
    private static final class PendingRows {
        private float[][] vectors = new float[4][];
        private int rows;

        void append(float[] x) {
            if (rows == vectors.length) {
                vectors = Arrays.copyOf(vectors, Math.min(BLOCK_ROWS, 2 * rows));
            }
            vectors[rows++] = x;
        }

        /** Forgets the block (and the references, so the arrays can go). */
        void clear() {
            Arrays.fill(vectors, 0, rows, null);
            rows = 0;
        }
    }
}
