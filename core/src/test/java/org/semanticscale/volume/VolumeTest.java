package org.semanticscale.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.semanticscale.golden.GoldenCases;
import org.semanticscale.golden.GoldenCases.PrefixVolume;
import org.semanticscale.golden.GoldenCases.ScaledVolume;
import org.semanticscale.golden.GoldenCases.VolumeCase;

class VolumeTest {
    private static final double TOL = GoldenCases.FROM_SCRATCH_TOLERANCE;

    static Stream<VolumeCase> goldenCases() {
        return GoldenCases.volumeCases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void matchesTheIndependentImplementation(VolumeCase c) {
        double actual = Volume.ofRows(c.samples());
        assertTrue(
                GoldenCases.close(c.volume(), actual, TOL),
                c.name() + ": expected " + c.volume() + " but was " + actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void flatFloatAndDoubleInputAgreeWithRows(VolumeCase c) {
        float[] flat = new float[c.m() * c.d()];
        double[] flatDouble = new double[flat.length];
        for (int r = 0; r < c.m(); r++) {
            for (int k = 0; k < c.d(); k++) {
                flat[r * c.d() + k] = c.samples()[r][k];
                flatDouble[r * c.d() + k] = c.samples()[r][k];
            }
        }
        double expected = Volume.ofRows(c.samples());
        assertEquals(expected, Volume.ofFlat(flat, c.m(), c.d()), 0);
        assertEquals(expected, Volume.ofFlat(flatDouble, c.m(), c.d()), 0);
    }

    @Test
    void growsMonotonicallyWhenTheCloudIsScaledUp() {
        float[][] samples = GoldenCases.monotoneSamples();
        List<ScaledVolume> scaled = GoldenCases.monotoneScaled();
        double previous = Double.NEGATIVE_INFINITY;
        for (ScaledVolume s : scaled) {
            double[][] rows = new double[samples.length][];
            for (int r = 0; r < samples.length; r++) {
                rows[r] = new double[samples[r].length];
                for (int k = 0; k < rows[r].length; k++) {
                    rows[r][k] = samples[r][k] * s.factor();
                }
            }
            double v = Volume.ofRows(rows);
            assertTrue(GoldenCases.close(s.volume(), v, TOL), "factor " + s.factor() + ": " + v + " vs " + s.volume());
            assertTrue(v > previous, "volume must grow with the scale factor");
            previous = v;
        }
    }

    @Test
    void saturatesAsSamplesAccumulate() {
        float[][] samples = GoldenCases.marginalSamples();
        double previous = 0;
        double previousGain = Double.POSITIVE_INFINITY;
        int previousM = 0;
        for (PrefixVolume p : GoldenCases.marginalPrefixes()) {
            double v = Volume.ofRows(Arrays.copyOf(samples, p.m()));
            assertTrue(GoldenCases.close(p.volume(), v, TOL), "m=" + p.m() + ": " + v + " vs " + p.volume());
            double gainPerSample = (v - previous) / (p.m() - previousM);
            assertTrue(gainPerSample < previousGain, "the marginal gain must shrink (m=" + p.m() + ")");
            previous = v;
            previousGain = gainPerSample;
            previousM = p.m();
        }
    }

    @Test
    void handComputedThreeByThree() {
        // Rows s*e1, s*e2, s*e3: scatter s^2 (I - J/3), d/m = 1, so I + C has eigenvalues 1, 1+s^2, 1+s^2
        // and the volume is 1/2 log2 (1+s^2)^2 = log2(1 + s^2).
        assertEquals(1.0, Volume.ofRows(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}), 1e-15);
        assertEquals(
                Math.log(10) / Math.log(2), Volume.ofRows(new double[][] {{3, 0, 0}, {0, 3, 0}, {0, 0, 3}}), 1e-14);
    }

    @Test
    void illConditionedCloudFarFromTheOriginIsPinned() {
        // 50 points on a line in 6-D, 1e8 from the origin, with 1e-7 jitter off the line: the scatter
        // has eigenvalues 1.9 and five below 1e-12. Raw moments (sum x x^T - m mean mean^T) lose every
        // digit here and even turn indefinite; centring first in float64 does not.
        double v = Volume.ofRows(illConditionedRows());
        assertEquals(ILL_CONDITIONED_VOLUME, v, 1e-9 * ILL_CONDITIONED_VOLUME);
    }

    /** numpy 2.4: 0.5*slogdet(I + (d/m) Zc^T Zc)[1]/log(2) with Zc = rows - rows.mean(0), float64. */
    static final double ILL_CONDITIONED_VOLUME = 0.15053040307999566;

    static double[][] illConditionedRows() {
        double[][] rows = new double[50][6];
        for (int r = 0; r < 50; r++) {
            double t = r / 700.0;
            for (int k = 0; k < 6; k++) {
                rows[r][k] = 1e8 + (k + 1) * t + 1e-7 * Math.sin(13.0 * r + 5.0 * k);
            }
        }
        return rows;
    }

    @Test
    void sampleSideAndFeatureSideGiveTheSameVolume() {
        // m <= d goes through the m x m Gram matrix, m > d through d x d: compare across the switch.
        Random random = new Random(3);
        for (int[] md : new int[][] {{20, 20}, {21, 20}, {19, 20}, {64, 63}, {63, 64}}) {
            double[][] rows = gaussian(md[0], md[1], random);
            double viaVolume = Volume.ofRows(rows);
            assertEquals(
                    viaVolume,
                    Volume.fromScatter(naiveScatter(rows), md[1], md[0]),
                    1e-10 * viaVolume,
                    "m=" + md[0] + " d=" + md[1]);
        }
    }

    @Test
    void twoThreadPathMatchesTheSerialOne() {
        Random random = new Random(11);
        double[][] rows = gaussian(4000, 128, random); // above PARALLEL_WORK
        assertTrue((long) 4000 * 128 * 128 / 2 >= Volume.PARALLEL_WORK);
        double v = Volume.ofRows(rows);
        assertEquals(Volume.fromScatter(naiveScatter(rows), 128, 4000), v, 1e-10 * v);
    }

    @Test
    void fewerThanTwoSamplesSpanNoVolume() {
        assertEquals(0, Volume.ofRows(new float[0][]));
        assertEquals(0, Volume.ofRows(new float[][] {{1, 2, 3}}));
    }

    @Test
    void nonFiniteInputNamesTheOffendingRow() {
        float[][] rows = {{1, 2}, {3, 4}, {5, Float.NaN}, {7, 8}};
        NonFiniteInputException e = assertThrows(NonFiniteInputException.class, () -> Volume.ofRows(rows));
        assertEquals(2, e.row());
        assertEquals(1, e.column());
        assertTrue(e.getMessage().contains("sample 2"), e.getMessage());
        double[][] inf = {{1, 2}, {Double.POSITIVE_INFINITY, 4}};
        assertEquals(
                1,
                assertThrows(NonFiniteInputException.class, () -> Volume.ofRows(inf))
                        .row());
        assertEquals(
                0,
                assertThrows(NonFiniteInputException.class, () -> Volume.ofRows(new double[][] {{Double.NaN}}))
                        .row());
    }

    @Test
    void raggedRowsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Volume.ofRows(new float[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> Volume.ofFlat(new float[5], 2, 3));
    }

    static double[][] gaussian(int m, int d, Random random) {
        double[][] rows = new double[m][d];
        for (double[] row : rows) {
            for (int k = 0; k < d; k++) {
                row[k] = random.nextGaussian() * (1 + k % 5);
            }
        }
        return rows;
    }

    /** Scatter by the definition, sum over samples of (x - mean)(x - mean)^T, in two passes. */
    static double[] naiveScatter(double[][] rows) {
        int d = rows[0].length;
        double[] mean = new double[d];
        for (double[] row : rows) {
            for (int k = 0; k < d; k++) {
                mean[k] += row[k] / rows.length;
            }
        }
        double[] s = new double[d * d];
        for (double[] row : rows) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    s[i * d + j] += (row[i] - mean[i]) * (row[j] - mean[j]);
                }
            }
        }
        return s;
    }
}
