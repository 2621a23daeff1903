package org.semanticscale.streams.window;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.semanticscale.window.SlidingWindow.Entry;

/**
 * How a class's window lives in the state store: whole chunks of up to {@link #CHUNK_SIZE} vectors
 * under {@code label NUL seq} (hex, so a class's chunks sort in order), plus one small
 * {@code label NUL meta} record saying which chunk is the oldest, how many of its vectors are already
 * evicted, and which chunk is being filled.
 *
 * <p>Why chunks: the store is changelogged, so every write is also a record on a topic. Writing once
 * per vector would cap the app at about 0.4 x a pass-through topology (docs/decisions.md, 'The streams-app's
 * window store'). With caching enabled, the open chunk is rewritten in the cache on every vector and
 * reaches the store and its changelog once per commit (the same array, written in place: no copy per
 * vector); a full chunk is written once and deleted once.
 *
 * <p>The meta record is written only when a chunk boundary moves (a chunk sealed, the oldest chunk
 * deleted), about once per 16 vectors: what changes on every vector follows from the chunks. The
 * arrivals are those before the open chunk plus the entries it holds; {@code headSkip} is a lower bound
 * (vectors evicted since the meta was written are evicted again on restore by capacity and time).
 */
final class WindowChunks {
    /** Vectors per chunk. */
    static final int CHUNK_SIZE = 16;

    static final char SEPARATOR = '\u0000';
    static final String META = "meta";
    private static final int HEADER_BYTES = 8;

    private WindowChunks() {}

    /**
     * Where a class stands in the store.
     *
     * @param headSkip vectors of the oldest chunk known to be evicted when the meta was written
     * @param openFirstArrival arrival number of the open chunk's first entry (the arrivals before it)
     */
    record Meta(long headSeq, int headSkip, long openSeq, long openFirstArrival, int dimension) {}

    /** Bytes of a meta record; the meta of versions before 2 (arrivals counted to the last vector) had 32. */
    private static final int META_BYTES = 36;

    private static final int META_VERSION = 2;

    static String chunkKey(String label, long seq) {
        // Zero-padded hex, so the store's byte order is the chunks' order (String.format was a hot spot).
        String hex = Long.toHexString(seq);
        return label + SEPARATOR + "0000000000000000".substring(hex.length()) + hex;
    }

    static String metaKey(String label) {
        return label + SEPARATOR + META;
    }

    /** The label of a store key (labels may contain anything, the suffix never holds the separator). */
    static String labelOf(String key) {
        return key.substring(0, key.lastIndexOf(SEPARATOR));
    }

    /** True for a meta key, false for a chunk key. */
    static boolean isMeta(String key) {
        return key.endsWith(SEPARATOR + META);
    }

    static long seqOf(String key) {
        return Long.parseUnsignedLong(key.substring(key.lastIndexOf(SEPARATOR) + 1), 16);
    }

    /**
     * An empty open chunk with room for {@link #CHUNK_SIZE} entries. Layout, little-endian: int count, int
     * dimension, then per entry long timestamp, long model version, {@code dimension} floats; the room after
     * the last entry is zero and readers stop at the count.
     */
    static byte[] newChunk(int dimension) {
        byte[] chunk = new byte[HEADER_BYTES + CHUNK_SIZE * entryBytes(dimension)];
        ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).putInt(4, dimension);
        return chunk;
    }

    /**
     * An open chunk as stored (maybe written exactly to its length by an earlier version), in an array with
     * room for {@link #CHUNK_SIZE} entries: the same array when it has the room, a copy otherwise.
     */
    static byte[] withRoom(byte[] chunk, int dimension) {
        int full = HEADER_BYTES + CHUNK_SIZE * entryBytes(dimension);
        return chunk.length >= full ? chunk : Arrays.copyOf(chunk, full);
    }

    /**
     * Writes one entry after the last one of an open chunk (from {@link #newChunk}, not full), in place: the
     * record cache holds this same array and reads it when it flushes, on this thread, and the flush copies it
     * (docs/decisions.md, 'The streams-app's hot path'), so no copy of the chunk is made per vector.
     */
    static void appendInPlace(byte[] chunk, Entry entry, int dimension) {
        ByteBuffer b = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int count = b.getInt(0);
        if (count >= CHUNK_SIZE) {
            throw new IllegalStateException("the chunk is full");
        }
        b.position(HEADER_BYTES + count * entryBytes(dimension));
        b.putLong(entry.timestamp()).putLong(entry.modelVersion());
        b.asFloatBuffer().put(entry.vector());
        b.putInt(0, count + 1);
    }

    private static int entryBytes(int dimension) {
        return 16 + 4 * dimension;
    }

    /** How many entries an encoded chunk holds. */
    static int entryCount(byte[] chunk) {
        return ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    }

    static List<Entry> decodeChunk(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int count = b.getInt();
        int dimension = b.getInt();
        List<Entry> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long ts = b.getLong();
            long version = b.getLong();
            float[] v = new float[dimension];
            b.asFloatBuffer().get(v);
            b.position(b.position() + 4 * dimension);
            out.add(new Entry(ts, v, version));
        }
        return out;
    }

    static byte[] encodeMeta(Meta m) {
        return ByteBuffer.allocate(META_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(m.headSeq())
                .putInt(m.headSkip())
                .putLong(m.openSeq())
                .putLong(m.openFirstArrival())
                .putInt(m.dimension())
                .putInt(META_VERSION)
                .array();
    }

    /**
     * A meta record, of this version or the one before (whose arrivals counted every vector, so the open
     * chunk's first arrival is that count less the open chunk's entries).
     *
     * @param openChunk the open chunk as stored, or null when there is none
     */
    static Meta decodeMeta(byte[] bytes, byte[] openChunk) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Meta m = new Meta(b.getLong(), b.getInt(), b.getLong(), b.getLong(), b.getInt());
        if (bytes.length == META_BYTES) {
            return m;
        }
        long arrivals = m.openFirstArrival();
        long inOpenChunk = openChunk == null ? 0 : entryCount(openChunk);
        return new Meta(m.headSeq(), m.headSkip(), m.openSeq(), arrivals - inOpenChunk, m.dimension());
    }

    /** The open chunk's sequence number of a meta record of any version (to find that chunk first). */
    static long openSeqOf(byte[] meta) {
        return ByteBuffer.wrap(meta).order(ByteOrder.LITTLE_ENDIAN).getLong(12);
    }
}
