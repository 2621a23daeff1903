package org.semanticscale.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDList;
import org.junit.jupiter.api.Test;

class LdamLossTest extends LossFixture {
    // Cosine logits z = [[0.1, 0.05], [0.2, 0.3]], y = [0, 1], counts n = [16, 1], m = 0.5, s = 30
    // n^-1/4 = [0.5, 1], max 1, so Delta = 0.5 * [0.5, 1] = [0.25, 0.5]
    // row 1: s (z - Delta_0 on the true class) = 30 [0.1 - 0.25, 0.05] = [-4.5, 1.5]
    //        l_1 = log(1 + e^(1.5 + 4.5)) = log(1 + e^6) = 6.0024757
    // row 2: 30 [0.2, 0.3 - 0.5] = [6, -6], l_2 = log(1 + e^12) = 12.0000061
    private final float[][] cosines = {{0.1f, 0.05f}, {0.2f, 0.3f}};
    private final long[] counts = {16, 1};

    @Test
    void marginsAreProportionalToTheInverseFourthRootOfTheCounts() {
        assertArrayEquals(
                new float[] {0.25f, 0.5f, 0.5f},
                LdamLoss.margins(new long[] {16, 1, 0}, 0.5),
                1e-7f,
                "a class not seen yet gets the largest margin");
        assertArrayEquals(new float[] {0.5f, 0.5f}, LdamLoss.margins(new long[] {7, 7}, 0.5), 1e-7f);
    }

    @Test
    void subtractsTheTrueClassMarginBeforeScaling() {
        // (6.0024757 + 12.0000061) / 2 = 9.0012409
        assertLoss(9.0012409, new LdamLoss(0.5, 30, () -> counts).evaluate(classes(0, 1), new NDList(matrix(cosines))));
    }

    @Test
    void weighted() {
        // w = [0.5, 2]: (0.5 * 6.0024757 + 2 * 12.0000061) / 2 = 13.5006251
        assertLoss(
                13.5006251,
                new LdamLoss(0.5, 30, () -> counts)
                        .evaluate(
                                classesWithWeights(new int[] {0, 1}, new float[] {0.5f, 2f}),
                                new NDList(matrix(cosines))));
    }
}
