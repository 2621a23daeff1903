package org.semanticscale.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.semanticscale.golden.GoldenCases;
import org.semanticscale.golden.GoldenCases.VolumeCase;

class GramKernelTest {

    @Test
    void testsRunWithTheVectorKernelAsTheLauncherDoes() {
        // surefire passes --add-modules jdk.incubator.vector; without it the fast path would go untested.
        assertTrue(
                GramKernels.selected().name().startsWith("vector"),
                GramKernels.selected().name());
    }

    @Test
    void bothKernelsEqualTheDefinitionOnOddShapes() {
        Random random = new Random(5);
        for (int[] shape : new int[][] {{1, 3}, {7, 16}, {300, 17}, {513, 40}, {40, 33}}) {
            int rows = shape[0], n = shape[1];
            int stride = GramKernel.paddedStride(n);
            double[] x = new double[rows * stride];
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < n; k++) {
                    x[r * stride + k] = random.nextGaussian();
                }
            }
            double[] vector = new double[stride * stride];
            double[] scalar = new double[stride * stride];
            GramKernels.selected().accumulate(x, stride, 0, rows, vector);
            GramKernels.scalar().accumulate(x, stride, 0, rows, scalar);
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    double expected = 0;
                    for (int r = 0; r < rows; r++) {
                        expected += x[r * stride + i] * x[r * stride + j];
                    }
                    double tol = 1e-12 * Math.max(1, Math.abs(expected));
                    assertEquals(expected, vector[i * stride + j], tol, "vector S[" + i + "][" + j + "]");
                    assertEquals(expected, scalar[i * stride + j], tol, "scalar S[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void bothKernelsAddAScaledOuterProductToTheUpperTriangle() {
        Random random = new Random(6);
        for (int n : new int[] {1, 3, 8, 17, 64, 67}) {
            double[] v = random.doubles(n).map(t -> t * 4 - 2).toArray();
            double[] start = random.doubles((long) n * n).toArray();
            double[] vector = start.clone();
            double[] scalar = start.clone();
            GramKernels.selected().addScaledOuterUpper(vector, n, -0.75, v);
            GramKernels.scalar().addScaledOuterUpper(scalar, n, -0.75, v);
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    double expected = start[i * n + j] - 0.75 * v[i] * v[j];
                    assertEquals(
                            expected,
                            vector[i * n + j],
                            1e-15 * Math.max(1, Math.abs(expected)),
                            "vector S[" + i + "][" + j + "]");
                    assertEquals(
                            expected,
                            scalar[i * n + j],
                            1e-15 * Math.max(1, Math.abs(expected)),
                            "scalar S[" + i + "][" + j + "]");
                }
            }
        }
    }

    static Stream<VolumeCase> goldenCases() {
        return GoldenCases.volumeCases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void scalarKernelMatchesTheGoldenCasesToo(VolumeCase c) {
        double[] flat = new double[c.m() * c.d()];
        for (int r = 0; r < c.m(); r++) {
            for (int k = 0; k < c.d(); k++) {
                flat[r * c.d() + k] = c.samples()[r][k];
            }
        }
        double actual = Volume.volumeOf(flat, c.m(), c.d(), GramKernels.scalar());
        assertTrue(
                GoldenCases.close(c.volume(), actual, GoldenCases.FROM_SCRATCH_TOLERANCE),
                c.name() + ": expected " + c.volume() + " but was " + actual);
    }
}
