package org.semanticscale.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.junit.jupiter.api.Test;

class SoftTripleLossTest extends LossFixture {
    // C = 2 classes, K = 2 centres, one sample of class 0 with centre similarities
    // s = [0.6, 0.2 | 0.5, 0.4]; gamma = 0.1, lambda = 20, delta = 0.01, tau = 0.2
    // S_0 = softmax([6, 2]) . [0.6, 0.2] = [0.9820138, 0.0179862] . [0.6, 0.2] = 0.5928055
    // S_1 = softmax([5, 4]) . [0.5, 0.4] = [0.7310586, 0.2689414] . [0.5, 0.4] = 0.4731059
    // l = -log(e^{20 (S_0 - 0.01)} / (e^{20 (S_0 - 0.01)} + e^{20 S_1}))
    //   = log(1 + e^{9.4621172 - 11.6561104}) = log(1 + e^-2.1939932) = 0.1056841
    // Centre Gram matrices: class 0 centres at cosine 0.5, class 1 at 0.8
    // R = (sqrt(2 + 1e-5 - 1.0) + sqrt(2 + 1e-5 - 1.6)) / (C K (K - 1) = 4) = (1.0000050 + 0.6324634) / 4 = 0.4081171
    private NDList predictions() {
        NDArray similarities = matrix(new float[][] {{0.6f, 0.2f, 0.5f, 0.4f}});
        NDArray gram =
                manager.create(new float[] {1, 0.5f, 0.5f, 1, 1, 0.8f, 0.8f, 1}).reshape(2, 2, 2);
        return new NDList(similarities, gram);
    }

    private SoftTripleLoss loss() {
        return new SoftTripleLoss(20, 0.1, 0.2, 0.01, 2);
    }

    @Test
    void classScoresAreTheRelaxedSimilarities() {
        assertArrayEquals(
                new float[] {0.5928055f, 0.4731059f},
                loss().classScores(predictions()).toFloatArray(),
                1e-6f);
    }

    @Test
    void isTheMarginSoftmaxOfRelaxedSimilaritiesPlusTauTimesTheCentreRegulariser() {
        // 0.1056841 + 0.2 * 0.4081171 = 0.1873075
        assertLoss(0.1873075, loss().evaluate(classes(0), predictions()));
    }

    @Test
    void weightsScaleTheClassificationTermButNotTheRegulariser() {
        // w = 3: 3 * 0.1056841 + 0.2 * 0.4081171 = 0.3986758
        assertLoss(0.3986758, loss().evaluate(classesWithWeights(new int[] {0}, new float[] {3f}), predictions()));
    }

    @Test
    void withoutTauOnlyTheClassificationTermIsLeft() {
        assertLoss(0.1056841, new SoftTripleLoss(20, 0.1, 0, 0.01, 2).evaluate(classes(0), predictions()));
    }
}
