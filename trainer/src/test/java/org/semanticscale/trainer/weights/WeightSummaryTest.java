package org.semanticscale.trainer.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WeightSummaryTest {
    @Test
    void fewClassesAreListedEveryOne() {
        assertEquals(
                "{a=0.600, b=0.900, c=1.500}", WeightSummary.of(List.of("a", "b", "c"), new double[] {0.6, 0.9, 1.5}));
        assertEquals("none (plain loss)", WeightSummary.of(List.of("a", "b"), null));
    }

    @Test
    void thousandsOfClassesAreSummarisedInOneShortLine() {
        List<String> labels = IntStream.range(0, 8142).mapToObj(i -> "c" + i).toList();
        double[] w = new double[8142];
        java.util.Arrays.fill(w, 1.0);
        w[7] = 0.25;
        w[8000] = 1.75;
        String line = WeightSummary.of(labels, w);
        assertEquals(
                "8142 classes, mean 1.000, min 0.250 (c7), max 1.750 (c8000); the first "
                        + "{c0=1.000, c1=1.000, c2=1.000, c3=1.000, c4=1.000}",
                line);
    }
}
