package org.semanticscale.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.semanticscale.golden.GoldenCases;
import org.semanticscale.golden.GoldenCases.Expected;
import org.semanticscale.golden.GoldenCases.ScaleCase;
import org.semanticscale.volume.Volume;
import org.semanticscale.window.RunningScatter;

class SemanticScalesTest {
    private static final double TOL = GoldenCases.FROM_SCRATCH_TOLERANCE;

    static Stream<ScaleCase> goldenCases() {
        return GoldenCases.scaleCases().stream();
    }

    /** The summary of one class computed from scratch by the core, as the batch command does. */
    static ClassSummary summarize(String label, float[][] rows) {
        RunningScatter means = new RunningScatter(rows[0].length);
        for (float[] row : rows) {
            means.update(row);
        }
        return new ClassSummary(label, rows.length, Volume.ofRows(rows), means.mean());
    }

    static List<ClassScale> computeGolden(ScaleCase c, WeightNormalization normalization) {
        List<ClassSummary> summaries = new ArrayList<>();
        c.classes().forEach((label, rows) -> summaries.add(summarize(label, rows)));
        return new SemanticScales(c.alpha(), normalization, ClassBalancedWeights.DEFAULT_BETA, 2).compute(summaries);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void everyFigureMatchesTheIndependentImplementation(ScaleCase c) {
        List<ClassScale> scales = computeGolden(c, WeightNormalization.SUM_TO_ONE);
        assertEquals(c.expected().size(), scales.size());
        for (ClassScale s : scales) {
            Expected e = c.expected().get(s.label());
            String where = c.name() + " class " + s.label() + " ";
            assertEquals(e.n(), s.n(), where + "n");
            assertClose(e.volume(), s.volume(), where + "volume");
            assertClose(e.volumeNormalized(), s.volumeNormalized(), where + "volumeNormalized");
            assertClose(e.distanceWeight(), s.distanceWeight(), where + "distanceWeight");
            assertClose(e.scale(), s.scale(), where + "scale");
            assertClose(e.weight(), s.weight(), where + "weight");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void sumToClassesIsSumToOneTimesC(ScaleCase c) {
        List<ClassScale> scales = computeGolden(c, WeightNormalization.SUM_TO_CLASSES);
        double sum = 0;
        for (ClassScale s : scales) {
            assertClose(c.expected().get(s.label()).weight() * scales.size(), s.weight(), s.label());
            sum += s.weight();
        }
        assertEquals(scales.size(), sum, 1e-12);
    }

    @Test
    void smallerScalesGetLargerWeights() {
        ScaleCase lt = GoldenCases.scaleCases().get(0);
        List<ClassScale> scales = computeGolden(lt, WeightNormalization.SUM_TO_ONE);
        for (ClassScale a : scales) {
            for (ClassScale b : scales) {
                if (a.scale() < b.scale()) {
                    assertTrue(a.weight() > b.weight(), a.label() + " vs " + b.label());
                }
            }
        }
    }

    @Test
    void handComputedTwoClasses() {
        // Volumes 4 and 2, centres 3 apart: S'n = 1, 0.5; w = 3 for both, so W' = 1 and W = log2(3)
        // with alpha 2; S = log2 3 and 0.5 log2 3; a = (1/S)/sum(1/S) = 1/3 and 2/3.
        List<ClassScale> s = SemanticScales.withDefaults()
                .compute(List.of(
                        new ClassSummary("a", 10, 4, new double[] {0, 0}),
                        new ClassSummary("b", 10, 2, new double[] {3, 0})));
        double log2of3 = Math.log(3) / Math.log(2);
        assertEquals(1, s.get(0).volumeNormalized(), 0);
        assertEquals(0.5, s.get(1).volumeNormalized(), 0);
        assertEquals(log2of3, s.get(0).distanceWeight(), 1e-15);
        assertEquals(0.5 * log2of3, s.get(1).scale(), 1e-15);
        assertEquals(1.0 / 3, s.get(0).weight(), 1e-15);
        assertEquals(2.0 / 3, s.get(1).weight(), 1e-15);
        assertEquals(1, s.get(0).classBalancedWeight(), 1e-12, "equal counts, equal CB weights");
    }

    @Test
    void singleClassUsesLog2OfAlphaPlusOne() {
        List<ClassScale> s = new SemanticScales(3, WeightNormalization.SUM_TO_ONE, 0.9, 2)
                .compute(List.of(new ClassSummary("only", 5, 7, new double[] {1})));
        assertEquals(2, s.get(0).distanceWeight(), 1e-15);
        assertEquals(2, s.get(0).scale(), 1e-15);
        assertEquals(1, s.get(0).weight(), 1e-15);
    }

    @Test
    void aClassWithoutAScaleGetsTheMeanWeightOfTheOthers() {
        List<ClassScale> s = SemanticScales.withDefaults()
                .compute(List.of(
                        new ClassSummary("a", 10, 4, new double[] {0, 0}),
                        new ClassSummary("b", 10, 2, new double[] {3, 0}),
                        new ClassSummary("new", 1, 0, new double[] {9, 9})));
        ClassScale fresh = s.get(2);
        assertFalse(fresh.hasScale());
        assertTrue(Double.isNaN(fresh.volumeNormalized()));
        assertEquals(0.5, fresh.weight(), 1e-15, "mean of 1/3 and 2/3");
        // The newcomer does not count in C: the others keep their two-class figures.
        assertEquals(1.0 / 3, s.get(0).weight(), 1e-15);
    }

    @Test
    void withNoScaleAtAllEveryWeightIsNeutral() {
        List<ClassScale> one = SemanticScales.withDefaults()
                .compute(List.of(
                        new ClassSummary("a", 1, 0, new double[] {0}), new ClassSummary("b", 0, 0, new double[] {0})));
        assertEquals(0.5, one.get(0).weight(), 0);
        List<ClassScale> classes = new SemanticScales(2, WeightNormalization.SUM_TO_CLASSES, 0.99, 2)
                .compute(List.of(new ClassSummary("a", 1, 0, new double[] {0})));
        assertEquals(1, classes.get(0).weight(), 0);
    }

    @Test
    void classBalancedWeightsMatchTheirDefinition() {
        long[] counts = {5000, 500, 50};
        double beta = 0.999;
        double[] w = ClassBalancedWeights.of(counts, beta);
        double[] raw = new double[3];
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            raw[i] = (1 - beta) / (1 - Math.pow(beta, counts[i]));
            sum += raw[i];
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(3 * raw[i] / sum, w[i], 1e-12);
        }
        assertEquals(3, w[0] + w[1] + w[2], 1e-12);
        assertTrue(w[2] > w[1] && w[1] > w[0]);
    }

    @Test
    void classBalancedWeightsWithBetaZeroAreUniformAndEmptyClassesGetNothing() {
        double[] w = ClassBalancedWeights.of(new long[] {10, 0, 3}, 0);
        assertEquals(1, w[0], 0);
        assertEquals(0, w[1], 0);
        assertEquals(1, w[2], 0);
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new SemanticScales(0.5, WeightNormalization.SUM_TO_ONE, 0.9, 2));
        assertTrue(e.getMessage().contains("alpha"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> new SemanticScales(2, WeightNormalization.SUM_TO_ONE, 1, 2))
                .getMessage()
                .contains("beta"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WeightNormalization.fromConfigName("sum-to-two"))
                .getMessage()
                .contains("sum-to-one"));
        assertEquals(WeightNormalization.SUM_TO_CLASSES, WeightNormalization.fromConfigName(" Sum-To-Classes "));
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(GoldenCases.close(expected, actual, TOL), what + ": expected " + expected + " but was " + actual);
    }
}
