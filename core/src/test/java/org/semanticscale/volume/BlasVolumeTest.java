package org.semanticscale.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.semanticscale.golden.GoldenCases;
import org.semanticscale.golden.GoldenCases.VolumeCase;

class BlasVolumeTest {
    /** The core's tests have the optional OpenBLAS jars: loading must work here. */
    private static final BlasVolume BLAS = BlasVolume.load();

    static Stream<VolumeCase> goldenCases() {
        return GoldenCases.volumeCases().stream().filter(c -> c.m() >= 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void goldenCasesOnOpenBlas(VolumeCase c) {
        double actual = Volume.blasVolume(BLAS, (r, out) -> widen(c.samples()[r], out), c.m(), c.d());
        assertTrue(
                GoldenCases.close(c.volume(), actual, GoldenCases.FROM_SCRATCH_TOLERANCE),
                c.name() + ": expected " + c.volume() + " but was " + actual);
    }

    @Test
    void testsRunWithTheLaunchersChoice() {
        assertEquals("auto", System.getProperty(Volume.KERNEL_PROPERTY, "auto"));
    }

    @Test
    void smallSizesStayOnTheJavaKernel() {
        // The streams-app's windows read d x d factors of d = 64: always the Java Cholesky.
        assertNull(GramKernels.blasForCholesky(64));
        assertNull(GramKernels.blasForCholesky(GramKernels.BLAS_CHOLESKY_ORDER - 1));
        assertNull(GramKernels.blasForGram(256, 16));
        assertNull(GramKernels.blasForGram(16, 4096));
        // d = 64 from scratch: the Vector API kernel up to m = 2048, where it is as fast as dsyrk.
        assertNull(GramKernels.blasForGram(2048, 64));
        assertNull(GramKernels.blasForGram(512, 128));
        assertTrue(GramKernels.describe(256, 16).startsWith("vector"), GramKernels.describe(256, 16));
    }

    @Test
    void largeSizesGoToOpenBlas() {
        assertNotNull(GramKernels.blasForCholesky(GramKernels.BLAS_CHOLESKY_ORDER));
        assertNotNull(GramKernels.blasForGram(4096, 512));
        assertNotNull(GramKernels.blasForGram(256, 4096));
        assertEquals("blas-" + Runtime.getRuntime().availableProcessors() + "threads", GramKernels.describe(4096, 64));
    }

    @Test
    void openBlasAndTheJavaKernelAgreeOnBothSides() {
        Random random = new Random(17);
        for (int[] md : new int[][] {{300, 130}, {130, 300}, {2, 200}, {513, 257}}) {
            int m = md[0], d = md[1];
            double[] x = random.doubles((long) m * d).map(t -> 3 * t - 1).toArray();
            double java = Volume.volumeOf(x, m, d, GramKernels.selected());
            double blas = Volume.blasVolume(BLAS, (r, out) -> System.arraycopy(x, r * d, out, 0, d), m, d);
            assertEquals(java, blas, 1e-12 * Math.abs(java), "m=" + m + " d=" + d);
        }
    }

    @Test
    void dpotrfMatchesTheJavaCholeskyAndLeavesItsInputAlone() {
        Random random = new Random(23);
        for (int n : new int[] {1, 3, 130, 257}) {
            int stride = GramKernel.paddedStride(n);
            double[] a = new double[stride * stride];
            double[] x = random.doubles((long) (n + 5) * stride).toArray();
            for (int r = 0; r < n + 5; r++) {
                for (int k = n; k < stride; k++) {
                    x[r * stride + k] = 0;
                }
            }
            GramKernels.selected().accumulate(x, stride, 0, n + 5, a);
            double[] before = a.clone();
            double blas = BLAS.logDetPadded(a, n, stride);
            assertEquals(0, java.util.Arrays.compare(before, a), "input modified");
            double java = Cholesky.logDetPaddedOrThrow(a, n, stride, GramKernels.selected());
            assertEquals(java, blas, 1e-10 * Math.max(1, Math.abs(java)), "n=" + n);
        }
    }

    @Test
    void indefiniteMatrixIsATypedErrorNamingThePivot() {
        // [[1, 2], [2, 1]]: the second pivot is 1 - 4 = -3.
        NotPositiveDefiniteException e = assertThrows(
                NotPositiveDefiniteException.class, () -> BLAS.logDetPadded(new double[] {1, 2, 0, 1}, 2, 2));
        assertTrue(e.getMessage().contains("pivot 1"), e.getMessage());
    }

    private static void widen(float[] row, double[] out) {
        for (int k = 0; k < out.length; k++) {
            out[k] = row[k];
        }
    }
}
