package org.semanticscale.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FocusClassesTest {
    private static final List<String> LABELS = ResultsFixture.LABELS;
    private static final List<String> NAMES = ResultsFixture.NAMES;

    @Test
    void ratiosCompareTheFocusClassesWithTheOthersMedianAndMean() {
        // Focus a and c: S' (10, 6) mean 8 over b's 20; weights (0.8, 1.5) mean 1.15 over b's 0.7.
        MethodResult m = ResultsFixture.result(
                "ce", new double[] {0.9, 0.8, 0.5}, new double[] {10, 20, 6}, new double[] {0.8, 0.7, 1.5});
        FocusClasses focus = FocusClasses.of(List.of("a", "c"), LABELS, NAMES);

        assertEquals(List.of("A", "C"), focus.names());
        assertEquals(0.7, focus.accuracy(m), 1e-12);
        assertEquals(0.4, focus.volumeRatio(m), 1e-12);
        assertEquals(1.15 / 0.7, focus.weightRatio(m), 1e-12);
        assertEquals(0.5329387, focus.pearsonAccuracyStreamedScale(m), 1e-6);
        // The others' median of an even count is the mean of the middle two: c over median(10, 20) = 15.
        assertEquals(6 / 15.0, FocusClasses.of(List.of("c"), LABELS, NAMES).volumeRatio(m), 1e-12);
    }

    @Test
    void aClassWithoutAStreamedScaleMakesTheRatiosUnknown() {
        MethodResult m = ResultsFixture.result(
                "ce", new double[] {0.9, 0.8, 0.5}, new double[] {10, Double.NaN, 6}, new double[] {0.8, 0.7, 1.5});
        assertTrue(Double.isNaN(FocusClasses.of(List.of("c"), LABELS, NAMES).volumeRatio(m)));
    }

    @Test
    void anUnknownClassOrEveryClassIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FocusClasses.of(List.of("z"), LABELS, NAMES))
                .getMessage()
                .contains("'z' is not one of the data set's classes [a, b, c]"));
        assertThrows(IllegalArgumentException.class, () -> FocusClasses.of(LABELS, LABELS, NAMES));
    }
}
