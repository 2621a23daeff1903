package org.semanticscale.streams.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.semanticscale.window.SlidingWindow.Entry;

class WindowChunksTest {

    @Test
    void chunkKeysAreZeroPaddedHexSoThatTheStoreSortsThemBySequence() {
        assertEquals("cat\u0000000000000000000a", WindowChunks.chunkKey("cat", 10));
        assertEquals("cat\u00000000000100000000", WindowChunks.chunkKey("cat", 1L << 32));
        long[] seqs = {0, 9, 10, 15, 16, 255, 4096, 1L << 40};
        for (int i = 1; i < seqs.length; i++) {
            byte[] before = WindowChunks.chunkKey("c", seqs[i - 1]).getBytes(StandardCharsets.UTF_8);
            byte[] after = WindowChunks.chunkKey("c", seqs[i]).getBytes(StandardCharsets.UTF_8);
            assertTrue(Arrays.compareUnsigned(before, after) < 0, seqs[i - 1] + " sorts before " + seqs[i]);
        }
        assertEquals("c", WindowChunks.labelOf(WindowChunks.chunkKey("c", 7)));
    }

    @Test
    void aChunkDecodesToTheEntriesEncoded() {
        List<Entry> entries = List.of(
                new Entry(1_000L, new float[] {1.5f, -2f, Float.MIN_VALUE}, 7L),
                new Entry(2_000L, new float[] {0f, 3.25f, -0f}, 8L));
        List<Entry> decoded = WindowChunks.decodeChunk(encodeAll(entries, 3));
        assertEquals(2, decoded.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(entries.get(i).timestamp(), decoded.get(i).timestamp());
            assertEquals(entries.get(i).modelVersion(), decoded.get(i).modelVersion());
            assertArrayEquals(entries.get(i).vector(), decoded.get(i).vector());
        }
    }

    @Test
    void appendingEntryByEntryInPlaceGivesTheBytesOfEncodingThemAllAtOnceThenZeros() {
        List<Entry> entries = new java.util.ArrayList<>();
        byte[] chunk = WindowChunks.newChunk(4);
        for (int i = 0; i < WindowChunks.CHUNK_SIZE; i++) {
            Entry e = new Entry(100L * i, new float[] {i, -i, i / 3f, 1e30f}, i + 1);
            entries.add(e);
            WindowChunks.appendInPlace(chunk, e, 4);
            byte[] expected = encodeAll(entries, 4);
            assertArrayEquals(expected, Arrays.copyOf(chunk, expected.length));
            for (int k = expected.length; k < chunk.length; k++) {
                assertEquals(0, chunk[k], "room after the last entry is zero");
            }
            assertEquals(i + 1, WindowChunks.entryCount(chunk));
            assertEquals(i + 1, WindowChunks.decodeChunk(chunk).size());
        }
        Entry extra = new Entry(0, new float[4], 0);
        assertThrows(IllegalStateException.class, () -> WindowChunks.appendInPlace(chunk, extra, 4));
    }

    @Test
    void aChunkStoredToItsExactLengthGetsRoomToGoOn() {
        List<Entry> two = List.of(new Entry(1, new float[] {1, 2}, 1), new Entry(2, new float[] {3, 4}, 1));
        byte[] exact = encodeAll(two, 2);
        byte[] roomy = WindowChunks.withRoom(exact, 2);
        assertEquals(WindowChunks.newChunk(2).length, roomy.length);
        WindowChunks.appendInPlace(roomy, new Entry(3, new float[] {5, 6}, 1), 2);
        assertEquals(3, WindowChunks.decodeChunk(roomy).size());
        assertArrayEquals(
                new float[] {5, 6}, WindowChunks.decodeChunk(roomy).get(2).vector());
        assertSame(roomy, WindowChunks.withRoom(roomy, 2), "an array with room is used as it is");
    }

    /** The layout written out in one go, independently of {@link WindowChunks#appendInPlace}. */
    private static byte[] encodeAll(List<Entry> entries, int dimension) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + entries.size() * (16 + 4 * dimension))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(entries.size()).putInt(dimension);
        for (Entry e : entries) {
            b.putLong(e.timestamp()).putLong(e.modelVersion());
            for (float f : e.vector()) {
                b.putFloat(f);
            }
        }
        return b.array();
    }
}
