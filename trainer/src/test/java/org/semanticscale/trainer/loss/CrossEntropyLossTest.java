package org.semanticscale.trainer.loss;

import ai.djl.ndarray.NDList;
import org.junit.jupiter.api.Test;

class CrossEntropyLossTest extends LossFixture {
    // z = [[1, 2, 3], [0, 0, 0]], y = [2, 0]
    // l_1 = -log(e^3 / (e^1 + e^2 + e^3)) = log(1 + e^-1 + e^-2) = log(1.5032147) = 0.4076060
    // l_2 = -log(1/3) = log 3 = 1.0986123
    private final float[][] logits = {{1, 2, 3}, {0, 0, 0}};

    @Test
    void unweightedIsTheMeanOfMinusLogSoftmaxOfTheTrueClass() {
        // (0.4076060 + 1.0986123) / 2 = 0.7531091
        assertLoss(0.7531091, new CrossEntropyLoss().evaluate(classes(2, 0), new NDList(matrix(logits))));
    }

    @Test
    void weightedMultipliesEachSampleByItsClassWeightAndStillDividesByN() {
        // w = [2, 0.5]: (2 * 0.4076060 + 0.5 * 1.0986123) / 2 = 0.6822590
        assertLoss(
                0.6822590,
                new CrossEntropyLoss()
                        .evaluate(
                                classesWithWeights(new int[] {2, 0}, new float[] {2f, 0.5f}),
                                new NDList(matrix(logits))));
    }

    @Test
    void theMeanDoesNotDependOnTheBatchSize() {
        // The same two rows twice: the same mean.
        float[][] twice = {logits[0], logits[1], logits[0], logits[1]};
        assertLoss(0.7531091, new CrossEntropyLoss().evaluate(classes(2, 0, 2, 0), new NDList(matrix(twice))));
    }

    @Test
    void weightsOfOneEqualThePlainLoss() {
        assertLoss(
                0.7531091,
                new CrossEntropyLoss()
                        .evaluate(
                                classesWithWeights(new int[] {2, 0}, new float[] {1f, 1f}),
                                new NDList(matrix(logits))));
    }
}
