package org.semanticscale.sketch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.semanticscale.record.LabelledTensor;

class SketcherTest {

    @Test
    void sketchIsTheProjectionOfTheFlattenedValues() {
        float[] image = new float[784];
        image[0] = 1;
        image[29] = 0.5f;
        Sketcher sketcher = new Sketcher(RandomProjection.Kind.GAUSSIAN, 1, 256);
        float[] sketch = sketcher.sketch(new LabelledTensor("3", new int[] {1, 28, 28}, image, "s-1"));
        assertEquals(256, sketch.length);
        RandomProjection p = RandomProjection.gaussian(1, 784, 256);
        assertEquals(p.entry(0, 0) + 0.5f * p.entry(29, 0), sketch[0], 1e-7);
        // The same values in another shape give the same sketch: values as sent, flattened.
        assertArrayEquals(sketch, sketcher.sketch(new LabelledTensor("3", new int[] {784}, image, "")));
    }

    @Test
    void everySketcherWithTheSameSettingsGivesTheSameSketch() {
        float[] values = new float[] {0.1f, 0, 0.7f, 1, 0.3f, 0, 0, 0.9f};
        LabelledTensor t = new LabelledTensor("a", new int[] {2, 4}, values, "");
        assertArrayEquals(
                new Sketcher(RandomProjection.Kind.GAUSSIAN, 7, 16).sketch(t),
                new Sketcher(RandomProjection.Kind.GAUSSIAN, 7, 16).sketch(t));
    }

    @Test
    void keepsOneProjectionPerLength() {
        Sketcher sketcher = new Sketcher(RandomProjection.Kind.GAUSSIAN, 1, 8);
        RandomProjection p = sketcher.projectionFor(10);
        assertSame(p, sketcher.projectionFor(10));
        for (int length = 11; length < 11 + Sketcher.CACHED_LENGTHS; length++) {
            sketcher.projectionFor(length);
        }
        // Evicted, made again: equal entries, since they come from the seed alone.
        RandomProjection again = sketcher.projectionFor(10);
        assertEquals(p.entry(3, 5), again.entry(3, 5));
    }

    @Test
    void refusesSamplesTooLongToProject() {
        Sketcher sketcher = new Sketcher(RandomProjection.Kind.GAUSSIAN, 1, 256);
        LabelledTensor huge = new LabelledTensor("x", new int[] {3, 224, 224}, new float[3 * 224 * 224], "");
        assertThrows(ProjectionTooLargeException.class, () -> sketcher.sketch(huge));
    }
}
