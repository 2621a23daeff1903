package org.semanticscale.trainer.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.scale.ClassBalancedWeights;
import org.semanticscale.scaletopic.ScaleSnapshot;

class ClassWeightsTest {
    private static final List<String> LABELS = List.of("a", "b", "c", "d");

    static ScaleRecord scale(String label, double scale, double weight) {
        return new ScaleRecord(
                label, 100, 1, 1, 1, scale, weight, Double.NaN, false, false, 7, 0, 0, Double.NaN, false, Double.NaN);
    }

    static ScaleSnapshot snapshot(ScaleRecord... records) {
        ScaleSnapshot s = ScaleSnapshot.EMPTY;
        for (ScaleRecord r : records) {
            s = s.with(Map.of(r.label(), r), List.of());
        }
        return s;
    }

    @Test
    void dsbWeightsAreRenormalisedToAverageOneOverTheClassesWithAScale() {
        // Published sum-to-one weights 0.2, 0.3, 0.5 for a, b, c: times 3 / (0.2 + 0.3 + 0.5) = 0.6, 0.9, 1.5.
        // d has no scale yet: the mean of the others, 1.
        double[] w =
                ClassWeights.dsb(LABELS, snapshot(scale("a", 5, 0.2), scale("b", 10 / 3.0, 0.3), scale("c", 2, 0.5)));
        assertArrayEquals(new double[] {0.6, 0.9, 1.5, 1.0}, w, 1e-12);
    }

    @Test
    void theNormalisationTheStreamsAppUsedDoesNotMatter() {
        // sum-to-classes weights (times 3) give the same trainer weights.
        double[] w =
                ClassWeights.dsb(LABELS, snapshot(scale("a", 5, 0.6), scale("b", 10 / 3.0, 0.9), scale("c", 2, 1.5)));
        assertArrayEquals(new double[] {0.6, 0.9, 1.5, 1.0}, w, 1e-12);
    }

    @Test
    void withoutAPublishedWeightTheInverseScaleIsUsed() {
        // 1/S = 0.5 and 0.25: times 2 / 0.75 = 4/3 and 2/3.
        double[] w =
                ClassWeights.dsb(List.of("a", "b"), snapshot(scale("a", 2, Double.NaN), scale("b", 4, Double.NaN)));
        assertArrayEquals(new double[] {4 / 3.0, 2 / 3.0}, w, 1e-12);
    }

    @Test
    void noScaleAtAllMeansNoWeights() {
        assertNull(ClassWeights.dsb(LABELS, ScaleSnapshot.EMPTY));
        assertNull(
                ClassWeights.dsb(LABELS, snapshot(scale("a", Double.NaN, Double.NaN))),
                "a class with a record but no scale");
        assertNull(ClassWeights.dsb(LABELS, snapshot(scale("z", 1, 1))), "a class the trainer does not know");
    }

    @Test
    void classBalancedWeightsAverageOneOverTheClassesSeen() {
        long[] counts = {1000, 100, 10, 0};
        double[] expected = ClassBalancedWeights.of(counts, 0.99);
        double[] w = ClassWeights.classBalanced(counts, 0.99);
        assertEquals(3.0, w[0] + w[1] + w[2], 1e-12);
        assertArrayEquals(new double[] {expected[0], expected[1], expected[2], 1.0}, w, 1e-12);
        // w_10 / w_1000 = (1 - 0.99^1000) / (1 - 0.99^10) = 0.9999568 / 0.0956179 = 10.457839
        assertEquals(10.457839, w[2] / w[0], 1e-5);
    }

    @Test
    void thePolicyWeighsOnlyInBalance() {
        WeightPolicy dsb = policy(LossWeighting.DSB, snapshot(scale("a", 5, 0.5), scale("b", 5, 0.5)), null);
        assertNull(dsb.weightsFor(false, () -> new long[] {1, 1, 1, 1}), "FILL and REFRESH train with the plain loss");
        assertArrayEquals(new double[] {1, 1, 1, 1}, dsb.weightsFor(true, () -> new long[] {1, 1, 1, 1}), 1e-12);
        assertNull(policy(LossWeighting.NONE, null, null).weightsFor(true, () -> new long[4]));
        double[] cb =
                policy(LossWeighting.CLASS_BALANCED, null, null).weightsFor(true, () -> new long[] {10, 10, 10, 10});
        assertArrayEquals(new double[] {1, 1, 1, 1}, cb, 1e-12);
    }

    @Test
    void dsbInputWeighsWithTheInputViewAndDsbWithTheModelView() {
        // The model view gives a, b, c 0.2, 0.3, 0.5; the input view, where c is narrow, 0.1, 0.1, 0.8:
        // times 3 / 1.0 = 0.3, 0.3, 2.4; d has no input scale: 1.
        ScaleSnapshot model = snapshot(scale("a", 5, 0.2), scale("b", 10 / 3.0, 0.3), scale("c", 2, 0.5));
        ScaleSnapshot input = snapshot(scale("a", 8, 0.1), scale("b", 8, 0.1), scale("c", 1, 0.8));
        Supplier<long[]> counts = () -> new long[] {10, 10, 10, 10};

        WeightPolicy dsbInput = policy(LossWeighting.DSB_INPUT, model, input);
        assertNull(dsbInput.weightsFor(false, counts), "FILL and REFRESH train with the plain loss");
        assertArrayEquals(new double[] {0.3, 0.3, 2.4, 1.0}, dsbInput.weightsFor(true, counts), 1e-12);
        assertArrayEquals(
                new double[] {0.6, 0.9, 1.5, 1.0},
                policy(LossWeighting.DSB, model, input).weightsFor(true, counts),
                1e-12);
        assertNull(
                policy(LossWeighting.DSB_INPUT, model, null).weightsFor(true, counts),
                "no input scales yet: the plain loss, whatever the model view holds");
    }

    @Test
    void dsbWeightsAreComputedAgainOnlyWhenTheViewHasANewSnapshot() {
        AtomicReference<ScaleSnapshot> view =
                new AtomicReference<>(snapshot(scale("a", 5, 0.2), scale("b", 10 / 3.0, 0.3), scale("c", 2, 0.5)));
        WeightPolicy dsb = new WeightPolicy(LossWeighting.DSB, LABELS, 0.9999, view::get, () -> ScaleSnapshot.EMPTY);
        Supplier<long[]> countsNotRead = () -> {
            throw new AssertionError("DSB does not read the counts");
        };
        double[] first = dsb.weightsFor(true, countsNotRead);
        assertSame(first, dsb.weightsFor(true, countsNotRead), "the same snapshot: the same weights, not recomputed");

        // 0.2, 0.3, 0.25 -> 0.8, 1.2, 1.0; d has none: 1.
        view.set(view.get().with(Map.of("c", scale("c", 4, 0.25)), List.of()));
        double[] second = dsb.weightsFor(true, countsNotRead);
        assertNotSame(first, second);
        assertArrayEquals(new double[] {0.8, 1.2, 1.0, 1.0}, second, 1e-12);
        assertArrayEquals(new double[] {0.6, 0.9, 1.5, 1.0}, first, 1e-12, "earlier weights are left as they were");

        // A tombstone of every class: back to the plain loss.
        view.set(view.get().with(Map.of(), List.of("a", "b", "c")));
        assertNull(dsb.weightsFor(true, countsNotRead));
    }

    /** A policy over {@link #LABELS}; a null snapshot reads as empty. */
    private static WeightPolicy policy(LossWeighting weighting, ScaleSnapshot model, ScaleSnapshot input) {
        return new WeightPolicy(
                weighting,
                LABELS,
                0.9999,
                () -> model == null ? ScaleSnapshot.EMPTY : model,
                () -> input == null ? ScaleSnapshot.EMPTY : input);
    }
}
