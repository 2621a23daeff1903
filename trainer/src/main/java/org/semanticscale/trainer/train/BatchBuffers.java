package org.semanticscale.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.List;
import org.semanticscale.trainer.sample.Sample;

/**
 * Direct buffers reused for every batch. {@code NDManager.create(float[])} allocates a new direct
 * buffer each time, which only a garbage collection frees: a long-running trainer would grow by
 * megabytes a second. On the CPU the PyTorch engine wraps a direct buffer without copying, so an
 * array made here is valid only until the next fill: callers close it (its step's manager) first.
 */
final class BatchBuffers {
    private final int capacity;
    private final int elements;
    private final ByteBuffer inputs;
    private final ByteBuffer classes;
    private final ByteBuffer weights;

    BatchBuffers(int capacity, int elements) {
        this.capacity = capacity;
        this.elements = elements;
        this.inputs = ByteBuffer.allocateDirect(Math.multiplyExact(capacity * 4, elements))
                .order(ByteOrder.nativeOrder());
        this.classes = ByteBuffer.allocateDirect(capacity * 4).order(ByteOrder.nativeOrder());
        this.weights = ByteBuffer.allocateDirect(capacity * 4).order(ByteOrder.nativeOrder());
    }

    int capacity() {
        return capacity;
    }

    /** The samples' values as one batch of the given shape. */
    NDArray inputs(NDManager manager, List<Sample> batch, Shape shape) {
        checkSize(batch.size());
        inputs.clear();
        FloatBuffer f = inputs.asFloatBuffer();
        for (Sample s : batch) {
            f.put(s.data());
        }
        inputs.limit(batch.size() * elements * 4);
        return manager.create(inputs, shape, DataType.FLOAT32);
    }

    /** Rows {@code from .. from+count-1} of a flat row-major array as one batch of the given shape. */
    NDArray inputs(NDManager manager, float[] rows, int from, int count, Shape shape) {
        checkSize(count);
        inputs.clear();
        inputs.asFloatBuffer().put(rows, from * elements, count * elements);
        inputs.limit(count * elements * 4);
        return manager.create(inputs, shape, DataType.FLOAT32);
    }

    /** The samples' class indices, int32 (N). */
    NDArray classes(NDManager manager, List<Sample> batch) {
        classes.clear();
        IntBuffer ints = classes.asIntBuffer();
        for (Sample s : batch) {
            ints.put(s.classIndex());
        }
        classes.limit(batch.size() * 4);
        return manager.create(classes, new Shape(batch.size()), DataType.INT32);
    }

    /** Each sample's weight, the weight of its class, float32 (N). */
    NDArray weights(NDManager manager, List<Sample> batch, float[] classWeights) {
        weights.clear();
        FloatBuffer f = weights.asFloatBuffer();
        for (Sample s : batch) {
            f.put(classWeights[s.classIndex()]);
        }
        weights.limit(batch.size() * 4);
        return manager.create(weights, new Shape(batch.size()), DataType.FLOAT32);
    }

    private void checkSize(int n) {
        if (n < 1 || n > capacity) {
            throw new IllegalArgumentException("a batch holds 1 to " + capacity + " samples, not " + n);
        }
    }
}
