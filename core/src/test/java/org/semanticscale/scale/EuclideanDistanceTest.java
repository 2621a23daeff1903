package org.semanticscale.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both distance kernels against a plain loop, at every dimension up to 131 and at offsets inside larger arrays. */
class EuclideanDistanceTest {
    @Test
    void theVectorKernelIsChosenUnderTheTestsJvmFlagsAndAgreesWithTheScalarOneAtEveryDimensionAndOffset() {
        EuclideanDistance best = EuclideanDistance.best();
        assertInstanceOf(VectorEuclideanDistance.class, best, "the tests run with jdk.incubator.vector");
        Random random = new Random(3);
        for (int d = 1; d <= 131; d++) {
            double[] a = new double[d + 5];
            double[] b = new double[2 * d + 3];
            for (int k = 0; k < a.length; k++) {
                a[k] = 100 * random.nextGaussian();
            }
            for (int k = 0; k < b.length; k++) {
                b[k] = 100 * random.nextGaussian();
            }
            double plain = 0;
            for (int k = 0; k < d; k++) {
                double t = a[3 + k] - b[d + k];
                plain += t * t;
            }
            double expected = Math.sqrt(plain);
            assertEquals(expected, best.between(a, 3, b, d, d), 1e-14 * expected, "vector, d = " + d);
            assertEquals(expected, EuclideanDistance.scalar(a, 3, b, d, d), 1e-14 * expected, "scalar, d = " + d);
        }
    }
}
