package org.semanticscale.trainer.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InputShapeTest {
    @Test
    void anImageShapeTakesItselfWithOrWithoutUnitDimensionsAndFlatSamples() {
        InputShape s = InputShape.parse("28,28");
        assertEquals(784, s.elements());
        assertTrue(s.accepts(new int[] {28, 28}));
        assertTrue(s.accepts(new int[] {1, 28, 28}));
        assertTrue(s.accepts(new int[] {784}), "flat, row-major");
        assertFalse(s.accepts(new int[] {14, 56}), "same values, other shape");
        assertFalse(s.accepts(new int[] {27, 28}));
    }

    @Test
    void channelsLastIsNotChannelsFirst() {
        InputShape s = InputShape.parse("3,32,32");
        assertFalse(s.accepts(new int[] {32, 32, 3}));
        assertTrue(s.accepts(new int[] {3, 32, 32}));
        assertArrayEquals(new int[] {3, 32, 32}, s.channelsHeightWidth());
        assertArrayEquals(new int[] {1, 28, 28}, InputShape.parse("28,28").channelsHeightWidth());
    }

    @Test
    void aFlatShapeTakesAnythingOfItsSize() {
        InputShape s = new InputShape(784);
        assertTrue(s.accepts(new int[] {28, 28}));
        assertFalse(s.accepts(new int[] {785}));
    }

    @Test
    void badShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InputShape(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new InputShape(1, 2, 3, 4));
        assertThrows(NumberFormatException.class, () -> InputShape.parse("a,b"));
        assertEquals("3,32,32", InputShape.parse(" 3, 32 ,32").toString());
    }
}
