package org.semanticscale.trainer.loss;

import ai.djl.ndarray.NDList;
import org.junit.jupiter.api.Test;

class BalancedSoftmaxLossTest extends LossFixture {
    // z = [[1, 2, 3], [0, 0, 0]], y = [2, 0], class counts n = [1, 2, 4]
    // l_1 = -log(4 e^3 / (1 e^1 + 2 e^2 + 4 e^3)) = log(1 + e^-2 / 4 + e^-1 / 2)
    //     = log(1 + 0.0338338 + 0.1839397) = log(1.2177735) = 0.1970242
    // l_2 = -log(1 / (1 + 2 + 4)) = log 7 = 1.9459101
    private final float[][] logits = {{1, 2, 3}, {0, 0, 0}};
    private final long[] counts = {1, 2, 4};

    @Test
    void shiftsLogitsByTheLogOfTheClassCounts() {
        // (0.1970242 + 1.9459101) / 2 = 1.0714672
        assertLoss(
                1.0714672, new BalancedSoftmaxLoss(() -> counts).evaluate(classes(2, 0), new NDList(matrix(logits))));
    }

    @Test
    void weighted() {
        // w = [2, 0.5]: (2 * 0.1970242 + 0.5 * 1.9459101) / 2 = 0.6835018
        assertLoss(
                0.6835018,
                new BalancedSoftmaxLoss(() -> counts)
                        .evaluate(
                                classesWithWeights(new int[] {2, 0}, new float[] {2f, 0.5f}),
                                new NDList(matrix(logits))));
    }

    @Test
    void equalCountsAreCrossEntropy() {
        assertLoss(
                0.7531091,
                new BalancedSoftmaxLoss(() -> new long[] {5, 5, 5})
                        .evaluate(classes(2, 0), new NDList(matrix(logits))));
    }
}
