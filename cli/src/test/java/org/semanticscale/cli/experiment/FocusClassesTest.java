package org.semanticscale.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.semanticscale.cli.experiment.StreamedView.INPUT;
import static org.semanticscale.cli.experiment.StreamedView.MODEL;

import java.util.List;
import java.util.Map;
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
        assertEquals(0.4, focus.volumeRatio(m, MODEL), 1e-12);
        assertEquals(1.15 / 0.7, focus.weightRatio(m, MODEL), 1e-12);
        assertEquals(0.5329387, focus.pearsonAccuracyStreamedScale(m), 1e-6);
        // The others' median of an even count is the mean of the middle two: c over median(10, 20) = 15.
        FocusClasses c = FocusClasses.of(List.of("c"), LABELS, NAMES);
        assertEquals(6 / 15.0, c.volumeRatio(m, MODEL), 1e-12);
        // ... and the others' spread around it: 10 / 15 and 20 / 15.
        assertEquals(10 / 15.0, c.othersVolumeRatio(m, MODEL, true), 1e-12);
        assertEquals(20 / 15.0, c.othersVolumeRatio(m, MODEL, false), 1e-12);
    }

    @Test
    void theInputViewHasTheSameFiguresFromItsOwnScales() {
        // Input S' (10, 12, 2), weights (0.2, 0.2, 0.6): c's 2 over median(10, 12) = 11; others 10 / 11 and 12 / 11;
        // weight 0.6 over 0.2.
        MethodResult m = ResultsFixture.twoSeeds().seeds().get(0).methods().get(0);
        FocusClasses c = FocusClasses.of(List.of("c"), LABELS, NAMES);

        assertEquals(2 / 11.0, c.volumeRatio(m, INPUT), 1e-12);
        assertEquals(10 / 11.0, c.othersVolumeRatio(m, INPUT, true), 1e-12);
        assertEquals(12 / 11.0, c.othersVolumeRatio(m, INPUT, false), 1e-12);
        assertEquals(3.0, c.weightRatio(m, INPUT), 1e-12);
        assertEquals(0.4, c.volumeRatio(m, MODEL), 1e-12, "the model view is unchanged");
    }

    @Test
    void eachViewsAlertDelayIsFromTheCollapseToItsFirstAlertOfAFocusClass() {
        // The collapse at 100 s; input: c COLLAPSED at 104 s (its alert at 99 s came before, RECOVERED at 103 s
        // does not raise); model: a at 101 s is not in focus, c at 112.5 s.
        MethodResult m = ResultsFixture.twoSeeds().seeds().get(0).methods().get(0);
        FocusClasses c = FocusClasses.of(List.of("c"), LABELS, NAMES);
        assertEquals(4.0, c.alertSeconds(m, INPUT), 1e-12);
        assertEquals(12.5, c.alertSeconds(m, MODEL), 1e-12);
        assertEquals(1.0, FocusClasses.of(List.of("a"), LABELS, NAMES).alertSeconds(m, MODEL), 1e-12);
        assertTrue(Double.isNaN(FocusClasses.of(List.of("b"), LABELS, NAMES).alertSeconds(m, MODEL)), "no alert");

        // Without a collapse start (no @FROM, or the replay never got there) there is nothing to time.
        MethodResult noCollapse = ResultsFixture.result(
                "ce",
                new double[] {0.9, 0.8, 0.5},
                new double[] {10, 20, 6},
                new double[] {0.8, 0.7, 1.5},
                Map.of(),
                ResultsFixture.ALERTS,
                null);
        assertTrue(Double.isNaN(c.alertSeconds(noCollapse, INPUT)));
    }

    @Test
    void aClassWithoutAStreamedScaleMakesTheRatiosUnknown() {
        MethodResult m = ResultsFixture.result(
                "ce", new double[] {0.9, 0.8, 0.5}, new double[] {10, Double.NaN, 6}, new double[] {0.8, 0.7, 1.5});
        FocusClasses c = FocusClasses.of(List.of("c"), LABELS, NAMES);
        assertTrue(Double.isNaN(c.volumeRatio(m, MODEL)));
        assertTrue(Double.isNaN(c.othersVolumeRatio(m, MODEL, true)));
        // No input view published: each of its figures is unknown.
        for (Figure f : c.viewFigures(INPUT)) {
            assertTrue(Double.isNaN(f.of(m)), f.path().toString());
        }
    }

    @Test
    void anUnknownClassOrEveryClassIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FocusClasses.of(List.of("z"), LABELS, NAMES))
                .getMessage()
                .contains("'z' is not one of the data set's classes [a, b, c]"));
        assertThrows(IllegalArgumentException.class, () -> FocusClasses.of(LABELS, LABELS, NAMES));
    }
}
