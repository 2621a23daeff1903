package org.semanticscale.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.semanticscale.golden.GoldenCases;
import org.semanticscale.volume.Volume;

/** The ND4J baseline computes the core's volume, so the benchmarks compare like with like. */
class Nd4jVolumeTest {

    @BeforeAll
    static void useDoublePrecision() {
        Nd4jVolume.useDoublePrecision();
    }

    @ParameterizedTest(name = "m={0} d={1}")
    @CsvSource({"40, 7, 1", "7, 40, 2", "300, 64, 3", "64, 300, 4", "50, 50, 5"})
    void matchesTheCoreVolumeOnRandomSets(int m, int d, long seed) {
        float[] data = GaussianData.flat(m, d, seed);
        // Shifted and stretched so that centring matters.
        for (int i = 0; i < data.length; i++) {
            data[i] = 3 * data[i] + 10;
        }
        double expected = Volume.ofFlat(data, m, d);
        double actual = Nd4jVolume.of(Nd4jVolume.matrix(data, m, d));
        assertTrue(GoldenCases.close(expected, actual, GoldenCases.FROM_SCRATCH_TOLERANCE),
                "ND4J " + actual + " vs core " + expected);
    }

    @Test
    void potrfWithLowerFalseLeavesTheUpperFactorAndZeroesBelow() {
        INDArray a = Nd4j.createFromArray(new double[][] {{4, 2, 2}, {2, 5, 3}, {2, 3, 6}});
        INDArray u = a.dup();
        Nd4j.getBlasWrapper().lapack().potrf(u, false);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(0, u.getDouble(i, j), "below the diagonal at " + i + "," + j);
            }
        }
        INDArray product = u.transpose().mmul(u);
        assertTrue(product.equalsWithEps(a, 1e-12), "U^T U = A, got " + product);
        assertEquals(2, u.getDouble(0, 0), 1e-15);
    }
}
