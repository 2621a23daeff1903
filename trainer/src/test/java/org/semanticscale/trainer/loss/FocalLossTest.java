package org.semanticscale.trainer.loss;

import ai.djl.ndarray.NDList;
import org.junit.jupiter.api.Test;

class FocalLossTest extends LossFixture {
    // z = [[1, 2, 3], [0, 0, 0]], y = [2, 0], gamma = 2
    // p_1 = e^3 / (e + e^2 + e^3) = 1 / 1.5032147 = 0.6652410,  -log p_1 = 0.4076060
    // l_1 = (1 - 0.6652410)^2 * 0.4076060 = 0.1120636 * 0.4076060 = 0.0456778
    // p_2 = 1/3,  l_2 = (2/3)^2 * log 3 = 0.4444444 * 1.0986123 = 0.4882721
    private final float[][] logits = {{1, 2, 3}, {0, 0, 0}};

    @Test
    void downWeightsWellClassifiedSamples() {
        // (0.0456778 + 0.4882721) / 2 = 0.2669750
        assertLoss(0.2669750, new FocalLoss(2).evaluate(classes(2, 0), new NDList(matrix(logits))));
    }

    @Test
    void alphaIsTheClassWeight() {
        // alpha = [2, 0.5]: (2 * 0.0456778 + 0.5 * 0.4882721) / 2 = 0.1677458
        assertLoss(
                0.1677458,
                new FocalLoss(2)
                        .evaluate(
                                classesWithWeights(new int[] {2, 0}, new float[] {2f, 0.5f}),
                                new NDList(matrix(logits))));
    }

    @Test
    void gammaZeroIsCrossEntropy() {
        assertLoss(0.7531091, new FocalLoss(0).evaluate(classes(2, 0), new NDList(matrix(logits))));
    }
}
