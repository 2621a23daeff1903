package org.semanticscale.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.semanticscale.golden.GoldenCases;
import org.semanticscale.golden.GoldenCases.Expected;
import org.semanticscale.golden.GoldenCases.ScaleCase;

class CentreDistanceSumsTest {
    private static final double TOL = GoldenCases.FROM_SCRATCH_TOLERANCE;

    /** The definition: every eligible pair's distance, added up naively. */
    private static double[] definition(List<ClassSummary> classes, boolean[] eligible) {
        double[] sums = new double[classes.size()];
        for (int i = 0; i < sums.length; i++) {
            for (int j = 0; j < sums.length; j++) {
                if (i != j && eligible[i] && eligible[j]) {
                    double s = 0;
                    for (int k = 0; k < classes.get(i).mean().length; k++) {
                        double t = classes.get(i).mean()[k] - classes.get(j).mean()[k];
                        s += t * t;
                    }
                    sums[i] += Math.sqrt(s);
                }
            }
        }
        return sums;
    }

    private static void assertMatchesDefinition(
            CentreDistanceSums sums, List<ClassSummary> classes, boolean[] eligible, String where) {
        double[] expected = definition(classes, eligible);
        double[] actual = sums.sums(classes, eligible);
        for (int i = 0; i < expected.length; i++) {
            assertTrue(
                    GoldenCases.close(expected[i], actual[i], TOL),
                    where + " class " + classes.get(i).label() + ": expected " + expected[i] + " but was " + actual[i]);
        }
    }

    private static double[] randomCentre(Random random, int d, double spread) {
        double[] c = new double[d];
        for (int k = 0; k < d; k++) {
            c[k] = spread * random.nextGaussian();
        }
        return c;
    }

    @Test
    void longRandomSequencesOfMovesFlipsArrivalsAndDeparturesMatchTheDefinition() {
        Random random = new Random(12);
        int d = 8;
        Map<String, double[]> centres = new LinkedHashMap<>();
        Map<String, Boolean> eligibility = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            centres.put("c" + i, randomCentre(random, d, 10));
            eligibility.put("c" + i, random.nextDouble() < 0.9);
        }
        CentreDistanceSums sums = new CentreDistanceSums();
        int next = 40;
        int steps = 3000;
        for (int step = 0; step < steps; step++) {
            List<String> labels = new ArrayList<>(centres.keySet());
            // Mostly one to three changes (the incremental path), now and then most classes (a rebuild).
            int changes = random.nextInt(50) == 0 ? labels.size() : 1 + random.nextInt(3);
            for (int k = 0; k < changes; k++) {
                String label = labels.get(random.nextInt(labels.size()));
                double u = random.nextDouble();
                if (u < 0.6) {
                    // A move; one in ten far away (and most of those back later), to exercise the cancellation.
                    centres.put(label, randomCentre(random, d, random.nextInt(10) == 0 ? 1e6 : 10));
                } else if (u < 0.8) {
                    eligibility.put(label, !eligibility.get(label));
                } else if (u < 0.9 && centres.size() > 3) {
                    centres.remove(label);
                    eligibility.remove(label);
                    labels.remove(label);
                } else {
                    String fresh = "c" + next++;
                    centres.put(fresh, randomCentre(random, d, 10));
                    eligibility.put(fresh, true);
                }
            }
            List<ClassSummary> classes = new ArrayList<>();
            centres.forEach((label, c) -> classes.add(new ClassSummary(label, 10, 1, c.clone())));
            // The order given does not matter.
            Collections.shuffle(classes, random);
            boolean[] eligible = new boolean[classes.size()];
            for (int i = 0; i < eligible.length; i++) {
                eligible[i] = eligibility.get(classes.get(i).label());
            }
            assertMatchesDefinition(sums, classes, eligible, "step " + step);
        }
        assertTrue(
                sums.rebuilds() < steps / 5,
                "most steps incremental, but " + sums.rebuilds() + " rebuilds in " + steps + " steps");
    }

    @Test
    void aCentreThatMovesFarAndBackLeavesNoRoundingBehind() {
        List<ClassSummary> near = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            near.add(new ClassSummary("c" + i, 10, 1, new double[] {i, 0.1 * i}));
        }
        boolean[] all = new boolean[near.size()];
        java.util.Arrays.fill(all, true);
        CentreDistanceSums sums = new CentreDistanceSums();
        sums.sums(near, all);
        for (int round = 0; round < 15; round++) {
            List<ClassSummary> far = new ArrayList<>(near);
            far.set(0, new ClassSummary("c0", 10, 1, new double[] {1e12 + round, 3}));
            sums.sums(far, all);
            assertMatchesDefinition(sums, near, all, "round " + round);
        }
        assertEquals(1, sums.rebuilds(), "only the first call rebuilt");
    }

    @Test
    void rebuildsWhenMostClassesChangedAndUpdatesWhenFewDid() {
        Random random = new Random(3);
        List<ClassSummary> classes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            classes.add(new ClassSummary("c" + i, 10, 1, randomCentre(random, 4, 1)));
        }
        boolean[] all = new boolean[classes.size()];
        java.util.Arrays.fill(all, true);
        CentreDistanceSums sums = new CentreDistanceSums();
        sums.sums(classes, all);
        assertEquals(1, sums.rebuilds(), "the first call is from scratch");
        classes.set(5, new ClassSummary("c5", 10, 1, randomCentre(random, 4, 1)));
        assertMatchesDefinition(sums, classes, all, "one moved");
        assertEquals(1, sums.rebuilds(), "one move is 2 C distances, not C^2 / 2");
        for (int i = 0; i < 30; i++) {
            classes.set(i, new ClassSummary("c" + i, 10, 1, randomCentre(random, 4, 1)));
        }
        assertMatchesDefinition(sums, classes, all, "30 of 100 moved");
        assertEquals(2, sums.rebuilds(), "30 moves of 100 cost more than from scratch");
        assertMatchesDefinition(sums, classes, all, "the same again");
        assertEquals(2, sums.rebuilds(), "centres given again unchanged are no change");
    }

    @Test
    void theSameCentresReachedInDifferentOrdersGiveTheSameSums() {
        Random random = new Random(5);
        List<ClassSummary> target = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            target.add(new ClassSummary("c" + i, 10, 1, randomCentre(random, 16, 3)));
        }
        boolean[] all = new boolean[target.size()];
        java.util.Arrays.fill(all, true);
        double[] expected = definition(target, all);
        for (int history = 0; history < 3; history++) {
            // Start from other centres, then move the classes to the target in a random order, a few at a time.
            List<ClassSummary> current = new ArrayList<>();
            for (int i = 0; i < target.size(); i++) {
                current.add(new ClassSummary("c" + i, 10, 1, randomCentre(random, 16, 3)));
            }
            CentreDistanceSums sums = new CentreDistanceSums();
            sums.sums(current, all);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < target.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            double[] actual = null;
            for (int i : order) {
                current.set(i, target.get(i));
                actual = sums.sums(current, all);
            }
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-12 * expected[i], "history " + history + " class " + i);
            }
        }
    }

    static Stream<ScaleCase> goldenCases() {
        return GoldenCases.scaleCases().stream();
    }

    /**
     * The golden case reached incrementally: every class starts at a shifted centre, one class ineligible and
     * one missing; then they are corrected one by one. The scales at the end match the independent values.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void goldenScalesReachedIncrementallyMatchTheIndependentImplementation(ScaleCase c) {
        List<ClassSummary> golden = new ArrayList<>();
        c.classes().forEach((label, rows) -> golden.add(SemanticScalesTest.summarize(label, rows)));
        SemanticScales scales =
                new SemanticScales(c.alpha(), WeightNormalization.SUM_TO_ONE, ClassBalancedWeights.DEFAULT_BETA, 2);
        CentreDistanceSums distances = new CentreDistanceSums();
        List<ClassSummary> current = new ArrayList<>();
        for (ClassSummary s : golden) {
            double[] shifted = s.mean().clone();
            shifted[0] += 5;
            current.add(new ClassSummary(s.label(), s.n(), s.volume(), shifted));
        }
        current.set(
                0, new ClassSummary(golden.get(0).label(), 1, 0, golden.get(0).mean()));
        current.remove(current.size() - 1);
        scales.compute(current, distances);
        current.add(golden.get(golden.size() - 1));
        List<ClassScale> result = null;
        for (int i = 0; i < golden.size(); i++) {
            current.set(i, golden.get(i));
            result = scales.compute(current, distances);
        }
        // With 5 classes one move (2 x 5 distances) costs as much as from scratch (10): every call rebuilds.
        if (golden.size() >= 10) {
            assertEquals(1, distances.rebuilds(), c.name() + ": only the first call from scratch");
        }
        for (ClassScale s : result) {
            Expected e = c.expected().get(s.label());
            String where = c.name() + " class " + s.label() + " ";
            assertClose(e.distanceWeight(), s.distanceWeight(), where + "distanceWeight");
            assertClose(e.scale(), s.scale(), where + "scale");
            assertClose(e.weight(), s.weight(), where + "weight");
        }
    }

    @Test
    void differentDimensionsAndRepeatedLabelsAreRefusedAndChangeNothing() {
        CentreDistanceSums sums = new CentreDistanceSums();
        List<ClassSummary> ok = List.of(
                new ClassSummary("a", 10, 1, new double[] {0, 0}), new ClassSummary("b", 10, 1, new double[] {3, 4}));
        boolean[] both = {true, true};
        assertArrayEquals(new double[] {5, 5}, sums.sums(ok, both), 0);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> sums.sums(
                        List.of(
                                new ClassSummary("a", 10, 1, new double[] {0, 0}),
                                new ClassSummary("c", 10, 1, new double[] {1})),
                        both));
        assertTrue(e.getMessage().contains("a and c have different dimensions: 2 and 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sums.sums(List.of(ok.get(1), ok.get(1)), both));
        assertTrue(e.getMessage().contains("class b is given twice"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> sums.sums(
                        List.of(
                                new ClassSummary("x", 10, 1, new double[] {0, 0}),
                                new ClassSummary("x", 10, 1, new double[] {0, 0})),
                        both));
        assertArrayEquals(new double[] {5, 5}, sums.sums(ok, both), 0);
        // An ineligible class of another dimension takes no part.
        assertArrayEquals(
                new double[] {5, 5, 0},
                sums.sums(
                        List.of(ok.get(0), ok.get(1), new ClassSummary("c", 1, 0, new double[] {1})),
                        new boolean[] {true, true, false}),
                0);
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(GoldenCases.close(expected, actual, TOL), what + ": expected " + expected + " but was " + actual);
    }
}
