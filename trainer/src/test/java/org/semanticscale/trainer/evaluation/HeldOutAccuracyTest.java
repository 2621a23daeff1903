package org.semanticscale.trainer.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.trainer.sample.ClassIndex;
import org.semanticscale.trainer.sample.InputShape;

class HeldOutAccuracyTest {
    @Test
    void groupsClassesIntoHeadMiddleAndTailByTheSamplesTrained() throws Exception {
        // Six classes, one test sample each whose value is its class; the model gets the even classes right.
        ClassIndex classes = new ClassIndex(List.of("0", "1", "2", "3", "4", "5"));
        LabelledVectors data = new LabelledVectors(
                new String[] {"0", "1", "2", "3", "4", "5", "other"}, new float[] {0, 1, 2, 3, 4, 5, 9}, new int[] {1});
        HeldOutSet set = HeldOutSet.of(data, new InputShape(1), classes, Path.of("test"));
        assertEquals(6, set.size());
        assertEquals(1, set.skipped(), "a label outside the classes is left out");
        ClassPredictor model = (rows, n) -> {
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                int c = (int) rows[i];
                out[i] = c % 2 == 0 ? c : 0;
            }
            return out;
        };
        // Trained counts rank the classes 5, 4 | 3, 2 | 1, 0 (head | middle | tail).
        // Right: 4 in the head, 2 in the middle, 0 in the tail.
        HeldOutAccuracy a = HeldOutAccuracy.evaluate(model, set, new long[] {1, 2, 3, 4, 5, 6}, 42);
        assertEquals(0.5, a.overall());
        assertArrayEquals(new double[] {1, 0, 1, 0, 1, 0}, a.perClass());
        assertEquals(0.5, a.head());
        assertEquals(0.5, a.middle());
        assertEquals(0.5, a.tail());
        // Ranked the other way round (class 0 most trained): head {0, 1}, middle {2, 3}, tail {4, 5}.
        HeldOutAccuracy reversed = HeldOutAccuracy.evaluate(
                (rows, n) -> new int[] {0, 1, 0, 0, 0, 0}, set, new long[] {6, 5, 4, 3, 2, 1}, 43);
        assertEquals(1.0, reversed.head());
        assertEquals(0.0, reversed.middle());
        assertEquals(0.0, reversed.tail());
        assertEquals(43, reversed.step());
    }

    @Test
    void missingFilesSayHowToGetFashionMnist() {
        ClassIndex classes = new ClassIndex(List.of("0", "1"));
        NoSuchFileException e = assertThrows(
                NoSuchFileException.class,
                () -> HeldOutSet.fromIdx(
                        Path.of("/nope/t10k-images-idx3-ubyte.gz"),
                        Path.of("/nope/t10k-labels-idx1-ubyte.gz"),
                        new InputShape(28, 28),
                        classes));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
    }

    @Test
    void samplesThatDoNotFitTheModelAreAnError() {
        ClassIndex classes = new ClassIndex(List.of("0", "1"));
        LabelledVectors data = new LabelledVectors(new String[] {"0"}, new float[] {1, 2, 3}, new int[] {3});
        assertThrows(
                java.io.IOException.class,
                () -> HeldOutSet.of(data, new InputShape(28, 28), classes, Path.of("t.csv")));
    }
}
