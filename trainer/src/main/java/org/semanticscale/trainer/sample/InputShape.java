package org.semanticscale.trainer.sample;

import java.util.Arrays;

/**
 * The shape of one input sample the model takes (configuration key {@code model.input-shape}), for
 * example {@code 784}, {@code 28,28} or {@code 3,32,32} (channels first).
 *
 * <p>A sample fits when it holds the same number of values and either is flat (rank 1, row-major, as
 * CSV vectors and flattened images travel), or this shape is flat (the model flattens whatever it
 * gets), or both shapes are the same once dimensions of size 1 are dropped ({@code [1, 28, 28]} fits
 * {@code 28,28}). {@code [32, 32, 3]} does not fit {@code 3,32,32}: channels-last data must be
 * transposed by the sender, not guessed at here.
 */
public final class InputShape {
    private final int[] dims;
    private final int elements;

    public InputShape(int... dims) {
        if (dims.length < 1 || dims.length > 3) {
            throw new IllegalArgumentException("an input shape has 1 to 3 dimensions, not " + dims.length);
        }
        long n = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException(
                        "every dimension of an input shape is at least 1: " + Arrays.toString(dims));
            }
            n *= d;
        }
        if (n > (1 << 24)) {
            throw new IllegalArgumentException("input shape " + Arrays.toString(dims) + " holds more than 2^24 values");
        }
        this.dims = dims.clone();
        this.elements = (int) n;
    }

    /** Parses {@code 28,28} style text. */
    public static InputShape parse(String text) {
        String[] parts = text.split(",");
        int[] dims = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            dims[i] = Integer.parseInt(parts[i].trim());
        }
        return new InputShape(dims);
    }

    public int[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    /** Values in one sample. */
    public int elements() {
        return elements;
    }

    /** True when a sample of this shape can be fed to the model as it is (see the class comment). */
    public boolean accepts(int[] sampleShape) {
        long n = 1;
        for (int d : sampleShape) {
            n *= d;
        }
        if (n != elements) {
            return false;
        }
        return sampleShape.length == 1 || dims.length == 1 || sameIgnoringOnes(sampleShape, dims);
    }

    /** Channels, height and width of an image shape: {@code H,W} has one channel. */
    public int[] channelsHeightWidth() {
        return switch (dims.length) {
            case 2 -> new int[] {1, dims[0], dims[1]};
            case 3 -> dims.clone();
            default -> throw new IllegalStateException("shape " + this + " is not an image (H,W or C,H,W)");
        };
    }

    /** Equal once every dimension of size 1 is dropped (1,28,28 is 28,28); checked per sample, so without allocating. */
    private static boolean sameIgnoringOnes(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        while (true) {
            while (i < a.length && a[i] == 1) {
                i++;
            }
            while (j < b.length && b[j] == 1) {
                j++;
            }
            if (i == a.length || j == b.length) {
                return i == a.length && j == b.length;
            }
            if (a[i++] != b[j++]) {
                return false;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputShape other && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@code 28,28}: the configuration form. */
    @Override
    public String toString() {
        return String.join(",", Arrays.stream(dims).mapToObj(Integer::toString).toList());
    }
}
