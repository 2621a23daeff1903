package org.semanticscale.sketch;

import java.util.LinkedHashMap;
import java.util.Map;
import org.semanticscale.record.LabelledTensor;

/**
 * Maps each sample to its fixed sketch: its values as sent, flattened row-major, through the
 * {@link RandomProjection} of its length. Projections are made on first use of a length and kept for the
 * {@value #CACHED_LENGTHS} lengths used last; every holder of the same settings gets the same sketches. Safe to
 * share between threads (the projections are immutable; the cache is guarded).
 */
public final class Sketcher {
    /** Input lengths whose projection is kept (a stream normally has one). */
    static final int CACHED_LENGTHS = 4;

    private final RandomProjection.Kind kind;
    private final long seed;
    private final int dimension;
    private final Map<Integer, RandomProjection> byLength = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, RandomProjection> eldest) {
            return size() > CACHED_LENGTHS;
        }
    };

    public Sketcher(RandomProjection.Kind kind, long seed, int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("a sketch has at least one dimension, not " + dimension);
        }
        this.kind = kind;
        this.seed = seed;
        this.dimension = dimension;
    }

    /**
     * The sketch of a sample's values.
     *
     * @throws ProjectionTooLargeException when the sample is too long to project to this dimension
     */
    public float[] sketch(LabelledTensor sample) {
        return projectionFor(sample.data().length).project(sample.data());
    }

    /** The projection for inputs of this length, made on first use. */
    public RandomProjection projectionFor(int inputLength) {
        synchronized (byLength) {
            return byLength.computeIfAbsent(inputLength, length -> RandomProjection.of(kind, seed, length, dimension));
        }
    }

    public int dimension() {
        return dimension;
    }
}
