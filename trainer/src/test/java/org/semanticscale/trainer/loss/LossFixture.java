package org.semanticscale.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A manager per test and small helpers to feed hand-made tensors to a loss. */
abstract class LossFixture {
    /** float32 arithmetic on a few values: agreement to about 1e-6 relative is all one can ask. */
    static final double TOLERANCE = 2e-5;

    NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    NDArray matrix(float[][] rows) {
        return manager.create(rows);
    }

    NDList classes(int... indices) {
        return new NDList(manager.create(indices));
    }

    NDList classesWithWeights(int[] indices, float[] weights) {
        return new NDList(manager.create(indices), manager.create(weights));
    }

    static void assertLoss(double expected, NDArray loss) {
        assertEquals(new Shape(), loss.getShape(), "a loss is a scalar");
        assertEquals(expected, loss.getFloat(), TOLERANCE * Math.max(1, Math.abs(expected)));
    }
}
