package org.semanticscale.trainer.loss;

import ai.djl.ndarray.NDList;
import org.junit.jupiter.api.Test;

class NormSoftmaxLossTest extends LossFixture {
    // Cosines [[0.5, 0], [0, 0.5]], y = [0, 0], sigma = 0.5: logits cos / sigma = [[1, 0], [0, 1]]
    // l_1 = log(1 + e^-1) = 0.3132617,  l_2 = log(1 + e^1) = 1.3132617
    private final float[][] cosines = {{0.5f, 0f}, {0f, 0.5f}};

    @Test
    void isCrossEntropyOfCosinesOverSigma() {
        // (0.3132617 + 1.3132617) / 2 = 0.8132617
        assertLoss(0.8132617, new NormSoftmaxLoss(0.5).evaluate(classes(0, 0), new NDList(matrix(cosines))));
    }

    @Test
    void weighted() {
        // w = [1.5, 0.5]: (1.5 * 0.3132617 + 0.5 * 1.3132617) / 2 = 0.5632617
        assertLoss(
                0.5632617,
                new NormSoftmaxLoss(0.5)
                        .evaluate(
                                classesWithWeights(new int[] {0, 0}, new float[] {1.5f, 0.5f}),
                                new NDList(matrix(cosines))));
    }
}
