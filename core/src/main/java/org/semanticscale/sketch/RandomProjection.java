package org.semanticscale.sketch;

import java.util.Arrays;

/**
 * A fixed random linear map from {@code inputLength} values to {@code dimension}, the same for one seed in every
 * process (entries from {@link SeededGaussians}): {@code y = P^T x} with P an inputLength x dimension matrix.
 * By the Johnson-Lindenstrauss lemma it keeps squared norms and distances within a factor 1 +- eps with high
 * probability once the dimension is of order log(m) / eps^2 for m points, so the volumes of a class's window of
 * sketches keep their ratios between classes (docs/decisions.md, 'The input view's projection').
 *
 * <p>Two kinds of entries:
 * <ul>
 *   <li>{@link #gaussian}: N(0, 1/dimension), dense;</li>
 *   <li>{@link #sparse}: very sparse (Li, Hastie and Church 2006): sqrt(s / dimension) x {+1, 0, -1} with
 *       probabilities 1/(2s), 1 - 1/s, 1/(2s), s = sqrt(inputLength); the same variance, about sqrt(inputLength)
 *       times fewer multiply-adds.</li>
 * </ul>
 * The seed of the generator is {@code seed + GOLDEN_GAMMA * inputLength}, so each input length has its own matrix.
 */
public final class RandomProjection {
    /** The kinds of entries, by configuration name. */
    public enum Kind {
        GAUSSIAN("gaussian"),
        SPARSE("sparse");

        private final String configName;

        Kind(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }
    }

    /** Mixes the input length into the seed (the golden-ratio constant SplitMix64 also uses). */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    /**
     * At most this many matrix entries (64 MiB of float32 when dense): a larger input is refused with
     * {@link ProjectionTooLargeException} rather than exhausting the heap.
     */
    public static final long MAX_ENTRIES = 1L << 24;

    private final Kind kind;
    private final int inputLength;
    private final int dimension;
    /** Dense: row i (one input value's column of P^T) at [i * dimension, (i + 1) * dimension). */
    private final float[] dense;
    /** Sparse: row i's non-zero entries at [rowStart[i], rowStart[i + 1]) of columns and values. */
    private final int[] rowStart;

    private final int[] columns;
    private final float[] values;

    private RandomProjection(
            Kind kind, int inputLength, int dimension, float[] dense, int[] rowStart, int[] columns, float[] values) {
        this.kind = kind;
        this.inputLength = inputLength;
        this.dimension = dimension;
        this.dense = dense;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
    }

    /** The projection of the given kind. */
    public static RandomProjection of(Kind kind, long seed, int inputLength, int dimension) {
        return switch (kind) {
            case GAUSSIAN -> gaussian(seed, inputLength, dimension);
            case SPARSE -> sparse(seed, inputLength, dimension);
        };
    }

    /** Entries N(0, 1/dimension), drawn row by row (input value by input value). */
    public static RandomProjection gaussian(long seed, int inputLength, int dimension) {
        checkSize(inputLength, dimension);
        SeededGaussians random = new SeededGaussians(seedFor(seed, inputLength));
        float[] p = new float[inputLength * dimension];
        double scale = 1 / Math.sqrt(dimension);
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (random.nextGaussian() * scale);
        }
        return new RandomProjection(Kind.GAUSSIAN, inputLength, dimension, p, null, null, null);
    }

    /** Very sparse entries sqrt(s / dimension) x {+1, 0, -1}, s = sqrt(inputLength), drawn row by row. */
    public static RandomProjection sparse(long seed, int inputLength, int dimension) {
        checkSize(inputLength, dimension);
        SeededGaussians random = new SeededGaussians(seedFor(seed, inputLength));
        double s = Math.max(1, Math.sqrt(inputLength));
        // Each entry: +v with probability 1/(2s), -v with 1/(2s), else 0; E[entry^2] = v^2 / s = 1/dimension.
        float v = (float) Math.sqrt(s / dimension);
        double half = 1 / (2 * s);
        int[] rowStart = new int[inputLength + 1];
        int[] columns = new int[Math.max(16, (int) (2.5 * inputLength * dimension / s))];
        float[] values = new float[columns.length];
        int n = 0;
        for (int i = 0; i < inputLength; i++) {
            rowStart[i] = n;
            for (int j = 0; j < dimension; j++) {
                double u = random.nextUniform();
                if (u < 2 * half) {
                    if (n == columns.length) {
                        columns = Arrays.copyOf(columns, 2 * n);
                        values = Arrays.copyOf(values, 2 * n);
                    }
                    columns[n] = j;
                    values[n++] = u < half ? v : -v;
                }
            }
        }
        rowStart[inputLength] = n;
        return new RandomProjection(
                Kind.SPARSE,
                inputLength,
                dimension,
                null,
                rowStart,
                Arrays.copyOf(columns, n),
                Arrays.copyOf(values, n));
    }

    private static long seedFor(long seed, int inputLength) {
        return seed + GOLDEN_GAMMA * inputLength;
    }

    private static void checkSize(int inputLength, int dimension) {
        if (inputLength < 1 || dimension < 1) {
            throw new IllegalArgumentException("a projection needs an input length and a dimension of at least 1, not "
                    + inputLength + " and " + dimension);
        }
        if ((long) inputLength * dimension > MAX_ENTRIES) {
            throw new ProjectionTooLargeException(inputLength, dimension, MAX_ENTRIES);
        }
    }

    /** y = P^T x, skipping zero inputs (pixels of a background cost nothing). */
    public float[] project(float[] x) {
        if (x.length != inputLength) {
            throw new IllegalArgumentException("this projection takes " + inputLength + " values, not " + x.length);
        }
        float[] y = new float[dimension];
        for (int i = 0; i < inputLength; i++) {
            float xi = x[i];
            if (xi == 0) {
                continue;
            }
            if (dense != null) {
                // y += x_i * P[i, :]
                int o = i * dimension;
                for (int j = 0; j < dimension; j++) {
                    y[j] += xi * dense[o + j];
                }
            } else {
                for (int t = rowStart[i]; t < rowStart[i + 1]; t++) {
                    y[columns[t]] += xi * values[t];
                }
            }
        }
        return y;
    }

    /** Entry P[i, j] (tests and studies). */
    public float entry(int i, int j) {
        if (dense != null) {
            return dense[i * dimension + j];
        }
        int at = Arrays.binarySearch(columns, rowStart[i], rowStart[i + 1], j);
        return at >= 0 ? values[at] : 0f;
    }

    /** Non-zero entries (the sparse kind's cost per input value is this over inputLength). */
    public long nonZeros() {
        if (dense == null) {
            return columns.length;
        }
        long n = 0;
        for (float p : dense) {
            if (p != 0) {
                n++;
            }
        }
        return n;
    }

    public Kind kind() {
        return kind;
    }

    public int inputLength() {
        return inputLength;
    }

    public int dimension() {
        return dimension;
    }
}
