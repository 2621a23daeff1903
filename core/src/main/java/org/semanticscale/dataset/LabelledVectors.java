package org.semanticscale.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labelled vectors of one dimension, stored row after row in one float array: what a data file holds.
 * Images keep their shape (for example 28 x 28) beside the flattened dimension.
 */
public final class LabelledVectors {
    private final String[] labels;
    private final float[] data;
    private final int dimension;
    private final int[] sampleShape;

    public LabelledVectors(String[] labels, float[] data, int[] sampleShape) {
        int dim = 1;
        for (int s : sampleShape) {
            dim *= s;
        }
        if ((long) labels.length * dim != data.length) {
            throw new IllegalArgumentException(labels.length + " labels and " + data.length
                    + " values do not make rows of " + Arrays.toString(sampleShape));
        }
        this.labels = labels;
        this.data = data;
        this.dimension = dim;
        this.sampleShape = sampleShape.clone();
    }

    public int size() {
        return labels.length;
    }

    public int dimension() {
        return dimension;
    }

    /** Shape of one sample, e.g. [28, 28] for an MNIST image or [d] for a vector. */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    public String label(int row) {
        return labels[row];
    }

    /** The rows at the given indices, in that order. */
    public LabelledVectors subset(List<Integer> rows) {
        String[] l = new String[rows.size()];
        float[] d = new float[rows.size() * dimension];
        for (int i = 0; i < l.length; i++) {
            int r = rows.get(i);
            l[i] = labels[r];
            System.arraycopy(data, r * dimension, d, i * dimension, dimension);
        }
        return new LabelledVectors(l, d, sampleShape);
    }

    /** Copies one row into {@code target} at {@code offset}. */
    public void copyRow(int row, float[] target, int offset) {
        System.arraycopy(data, row * dimension, target, offset, dimension);
    }

    /** A copy of one row. */
    public float[] row(int row) {
        return Arrays.copyOfRange(data, row * dimension, (row + 1) * dimension);
    }

    /**
     * The rows of each class as one flat array (rows of {@link #dimension()} floats), classes in
     * {@link #labelOrder() label order}.
     */
    public Map<String, float[]> rowsByLabel() {
        Map<String, Integer> counts = counts();
        Map<String, float[]> out = new LinkedHashMap<>();
        Map<String, Integer> filled = new LinkedHashMap<>();
        for (String label : counts.keySet()) {
            out.put(label, new float[counts.get(label) * dimension]);
            filled.put(label, 0);
        }
        for (int r = 0; r < labels.length; r++) {
            int at = filled.merge(labels[r], 1, Integer::sum) - 1;
            System.arraycopy(data, r * dimension, out.get(labels[r]), at * dimension, dimension);
        }
        return out;
    }

    /** Rows per class, classes in label order. */
    public Map<String, Integer> counts() {
        Map<String, Integer> raw = new java.util.HashMap<>();
        for (String l : labels) {
            raw.merge(l, 1, Integer::sum);
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (String l : labelOrder(raw.keySet())) {
            ordered.put(l, raw.get(l));
        }
        return ordered;
    }

    /** A copy with every row scaled to unit L2 norm (rows of zeros stay zero). */
    public LabelledVectors l2Normalized() {
        float[] out = data.clone();
        for (int r = 0; r < labels.length; r++) {
            int o = r * dimension;
            double sq = 0;
            for (int k = 0; k < dimension; k++) {
                sq += (double) out[o + k] * out[o + k];
            }
            if (sq > 0) {
                double inv = 1 / Math.sqrt(sq);
                for (int k = 0; k < dimension; k++) {
                    out[o + k] = (float) (out[o + k] * inv);
                }
            }
        }
        return new LabelledVectors(labels, out, sampleShape);
    }

    /** Labels sorted numerically when they all are integers, else as text. */
    public static List<String> labelOrder(java.util.Collection<String> labels) {
        List<String> sorted = new ArrayList<>(labels);
        boolean numeric = sorted.stream().allMatch(l -> l.matches("-?\\d{1,18}"));
        sorted.sort(numeric ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder());
        return sorted;
    }

    /** Collects rows of one dimension as a file is read. */
    public static final class Builder {
        private final List<String> labels = new ArrayList<>();
        private float[] data = new float[1024];
        private int size;
        private int dimension = -1;

        /** The dimension of the first row; -1 before any. */
        public int dimension() {
            return dimension;
        }

        /** Adds a row; the caller has checked its dimension against {@link #dimension()}. */
        public void add(String label, float[] row) {
            if (dimension < 0) {
                dimension = row.length;
            } else if (row.length != dimension) {
                throw new IllegalArgumentException("row of dimension " + row.length + " among rows of " + dimension);
            }
            if (size + row.length > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + row.length));
            }
            System.arraycopy(row, 0, data, size, row.length);
            size += row.length;
            labels.add(label);
        }

        public int rows() {
            return labels.size();
        }

        public LabelledVectors build() {
            return new LabelledVectors(
                    labels.toArray(new String[0]), Arrays.copyOf(data, size), new int[] {Math.max(dimension, 0)});
        }
    }
}
