package org.semanticscale.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CholeskyTest {

    /** A = B B^T + n I: symmetric positive definite, as every matrix this project factors. */
    private static double[] randomSpd(int n, Random random) {
        double[] b = new double[n * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextGaussian();
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += b[i * n + k] * b[j * n + k];
                }
                a[i * n + j] = s + (i == j ? n : 0);
            }
        }
        return a;
    }

    /** log|det A| by Gaussian elimination with partial pivoting: a second, independent method. */
    private static double logDetByLu(double[] matrix, int n) {
        double[] a = matrix.clone();
        double logDet = 0;
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(a[i * n + k]) > Math.abs(a[p * n + k])) {
                    p = i;
                }
            }
            if (p != k) {
                for (int j = 0; j < n; j++) {
                    double t = a[k * n + j];
                    a[k * n + j] = a[p * n + j];
                    a[p * n + j] = t;
                }
            }
            double pivot = a[k * n + k];
            logDet += Math.log(Math.abs(pivot));
            for (int i = k + 1; i < n; i++) {
                double f = a[i * n + k] / pivot;
                for (int j = k; j < n; j++) {
                    a[i * n + j] -= f * a[k * n + j];
                }
            }
        }
        return logDet;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 8, 9, 16, 17, 33, 100})
    void factorSatisfiesTheDefinitionUtTimesUEqualsA(int n) {
        Random random = new Random(42 + n);
        double[] a = randomSpd(n, random);
        double[] u = a.clone();
        Cholesky.logDetInPlace(u, n);
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int k = 0; k <= i; k++) {
                    s += u[k * n + i] * u[k * n + j];
                }
                assertEquals(a[i * n + j], s, 1e-10 * Math.abs(a[i * n + j]) + 1e-10, "(U^T U)[" + i + "][" + j + "]");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 8, 17, 64, 130})
    void logDetMatchesGaussianElimination(int n) {
        double[] a = randomSpd(n, new Random(7 * n));
        double expected = logDetByLu(a, n);
        double actual = Cholesky.logDetInPlace(a.clone(), n);
        assertEquals(expected, actual, 1e-10 * Math.abs(expected));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 16, 17, 33, 64, 100, 130})
    void bothKernelsGiveTheDefinitionsFactorOnThePaddedLayout(int n) {
        double[] a = randomSpd(n, new Random(11 * n));
        double expected = Cholesky.logDetInPlace(a.clone(), n);
        int stride = GramKernel.paddedStride(n);
        for (GramKernel kernel : new GramKernel[] {GramKernels.selected(), GramKernels.scalar()}) {
            double[] padded = new double[stride * stride];
            for (int i = 0; i < n; i++) {
                System.arraycopy(a, i * n, padded, i * stride, n);
            }
            assertEquals(
                    expected,
                    Cholesky.logDetPadded(padded, n, stride, kernel),
                    1e-11 * Math.abs(expected),
                    kernel.name());
            // And the factor is the definition's: U^T U = A on the upper triangle.
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    double s = 0;
                    for (int k = 0; k <= i; k++) {
                        s += padded[k * stride + i] * padded[k * stride + j];
                    }
                    assertEquals(
                            a[i * n + j],
                            s,
                            1e-10 * Math.abs(a[i * n + j]) + 1e-10,
                            kernel.name() + " (U^T U)[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void handComputedTwoByTwo() {
        // [[4, 2], [2, 5]]: U = [[2, 1], [0, 2]], det = 16.
        double[] a = {4, 2, 2, 5};
        assertEquals(Math.log(16), Cholesky.logDetInPlace(a, 2), 1e-15);
        assertEquals(2, a[0], 0);
        assertEquals(1, a[1], 0);
        assertEquals(2, a[3], 0);
    }

    @Test
    void lowerTriangleIsNeverRead() {
        double[] a = {4, 2, Double.NaN, 5};
        assertEquals(Math.log(16), Cholesky.logDetInPlace(a, 2), 1e-15);
    }

    @Test
    void indefiniteMatrixIsATypedErrorNamingThePivot() {
        double[] a = {1, 2, 2, 1}; // eigenvalues 3 and -1
        NotPositiveDefiniteException e =
                assertThrows(NotPositiveDefiniteException.class, () -> Cholesky.logDetInPlace(a, 2));
        assertTrue(e.getMessage().contains("pivot 1"), e.getMessage());
    }

    @Test
    void aNegativeOrNaNPivotIsATypedErrorToo() {
        assertThrows(NotPositiveDefiniteException.class, () -> Cholesky.logDetInPlace(new double[] {-1}, 1));
        assertThrows(NotPositiveDefiniteException.class, () -> Cholesky.logDetInPlace(new double[] {Double.NaN}, 1));
    }
}
