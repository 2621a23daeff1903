package org.semanticscale.cli.experiment.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CorrelationTest {
    /** Hand-computed figures are exact up to rounding of the last digits. */
    private static final double EXACT = 1e-12;

    @Test
    void pearsonMatchesAHandComputedCase() {
        // x - 3 = (-2,-1,0,1,2), y - 4 = (-2,0,1,0,1): sum of products 6, sums of squares 10 and 6.
        double r = Correlation.pearson(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 5, 4, 5});
        assertEquals(6 / Math.sqrt(60), r, EXACT);
        assertEquals(0.7745966692414834, r, EXACT);
    }

    @Test
    void spearmanGivesTiedValuesTheMeanOfTheirRanks() {
        // y = (2,4,5,4,5): ranks (1, 2.5, 4.5, 2.5, 4.5); against x's ranks 1..5: products 7, squares 10 and 9.
        double rho = Correlation.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 5, 4, 5});
        assertEquals(7 / Math.sqrt(90), rho, EXACT);
        assertEquals(0.7378647873726218, rho, EXACT);
    }

    @Test
    void spearmanIsOneForAnyIncreasingRelationPearsonIsNot() {
        double[] x = {1, 2, 3, 4};
        double[] y = {1, 8, 27, 64};
        assertEquals(1.0, Correlation.spearman(x, y), EXACT);
        assertTrue(Correlation.pearson(x, y) < 0.99);
        assertEquals(-1.0, Correlation.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1}), EXACT);
    }

    @Test
    void pairsWithANaNAreLeftOut() {
        assertEquals(1.0, Correlation.pearson(new double[] {1, Double.NaN, 2, 3}, new double[] {2, 5, 4, 6}), EXACT);
        assertEquals(1.0, Correlation.spearman(new double[] {1, 2, 3, 4}, new double[] {1, 2, Double.NaN, 9}), EXACT);
    }

    @Test
    void noSpreadOrTooFewPairsGiveNaN() {
        assertTrue(Double.isNaN(Correlation.pearson(new double[] {1, 2, 3}, new double[] {5, 5, 5})));
        assertTrue(Double.isNaN(Correlation.spearman(new double[] {1, 2, 3}, new double[] {5, 5, 5})));
        assertTrue(Double.isNaN(Correlation.pearson(new double[] {1}, new double[] {2})));
        assertTrue(Double.isNaN(Correlation.spearman(new double[] {1, Double.NaN}, new double[] {2, 3})));
        assertThrows(IllegalArgumentException.class, () -> Correlation.pearson(new double[] {1, 2}, new double[] {1}));
    }

    @Test
    void pearsonIsInvariantToShiftAndScaleAndDoesNotCancelOnLargeOffsets() {
        Random random = new Random(3);
        double[] x = new double[50];
        double[] y = new double[50];
        double[] xShifted = new double[50];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
            y[i] = x[i] + random.nextGaussian();
            xShifted[i] = 1e9 + 3 * x[i];
        }
        assertEquals(Correlation.pearson(x, y), Correlation.pearson(xShifted, y), 1e-6);
    }
}
