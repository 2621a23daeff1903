package org.semanticscale.streams.window;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.apache.kafka.streams.state.KeyValueStore;
import org.semanticscale.streams.window.WindowChunks.Meta;
import org.semanticscale.window.SlidingWindow;
import org.semanticscale.window.SlidingWindow.Entry;

/**
 * One class's window in stage A: the store holds it (chunks + meta, the source of truth); this object
 * mirrors it in memory with a running mean and scatter ({@link SlidingWindow}) so the volume is one
 * Cholesky away. Every change goes to both, in the same order.
 */
final class ClassWindow {
    private final String label;
    private final int dimension;
    private final SlidingWindow window;
    private final KeyValueStore<String, byte[]> store;
    private final String metaKey;

    private long headSeq;
    private int headSkip;
    private long openSeq;
    /**
     * The open chunk as stored (every entry, including any already evicted when it is also the head
     * chunk), or null when the next vector starts a new one. Entries are written into it in place, one
     * entry's encoding per vector; the store's record cache holds this same array until it flushes.
     */
    private byte[] openChunk;
    /** The open chunk's store key: it changes once per chunk, not per vector. */
    private String openKey;

    private long arrivals;
    /** Arrival number of the open chunk's first entry. */
    private long openFirstArrival;
    /** The chunk boundaries the stored meta record names; it is rewritten only when they move. */
    private long storedHeadSeq = -1;

    private long storedOpenSeq = -1;

    /** Wall-clock ms when the oldest change not yet summarised arrived, or -1. */
    private long pendingSince = -1;

    private boolean dirty;

    private ClassWindow(
            String label, int dimension, int capacity, long nextArrival, KeyValueStore<String, byte[]> store) {
        this.label = label;
        this.dimension = dimension;
        this.window = new SlidingWindow(dimension, capacity, nextArrival);
        this.store = store;
        this.metaKey = WindowChunks.metaKey(label);
        this.openKey = WindowChunks.chunkKey(label, 0);
    }

    /** A new, empty class. */
    static ClassWindow create(String label, int dimension, int capacity, KeyValueStore<String, byte[]> store) {
        return new ClassWindow(label, dimension, capacity, 0, store);
    }

    /** Rebuilds a class from its store records (meta and chunks by sequence number). */
    static ClassWindow restore(
            String label,
            Meta meta,
            SortedMap<Long, byte[]> chunks,
            int capacity,
            KeyValueStore<String, byte[]> store) {
        List<Entry> held = new ArrayList<>();
        byte[] openChunk = null;
        for (var e : chunks.entrySet()) {
            long seq = e.getKey();
            if (seq < meta.headSeq()) {
                continue;
            }
            List<Entry> entries = WindowChunks.decodeChunk(e.getValue());
            if (seq == meta.openSeq()) {
                openChunk = e.getValue();
            }
            int from = seq == meta.headSeq() ? meta.headSkip() : 0;
            held.addAll(entries.subList(Math.min(from, entries.size()), entries.size()));
        }
        // The store holds the last held.size() arrivals (a window evicts oldest first): numbering them from
        // there puts each vector in the half (even or odd arrivals) the live window had it in.
        long arrivals = meta.openFirstArrival() + (openChunk == null ? 0 : WindowChunks.entryCount(openChunk));
        ClassWindow w = new ClassWindow(label, meta.dimension(), capacity, Math.max(0, arrivals - held.size()), store);
        w.headSeq = meta.headSeq();
        w.headSkip = meta.headSkip();
        w.openSeq = meta.openSeq();
        w.openKey = WindowChunks.chunkKey(label, meta.openSeq());
        w.openChunk = openChunk == null ? null : WindowChunks.withRoom(openChunk, meta.dimension());
        w.openFirstArrival = meta.openFirstArrival();
        w.arrivals = arrivals;
        for (Entry e : held) {
            // Drop the oldest beyond capacity, as the live window did (the store too): vectors evicted since the
            // meta was last written, or all the window had when the capacity is now smaller.
            if (w.window.size() == capacity) {
                w.evictOldest();
            }
            w.window.add(e);
        }
        w.writeMeta();
        // Summarised once at the next punctuation, changed or not: a crash may have come between the
        // window's last change (in the store) and its summary (which never left stage A).
        w.dirty = true;
        return w;
    }

    /**
     * Evicts the vectors older than {@code cutoff} (event time), appends one (the caller has checked its
     * dimension) and evicts the oldest when full; the meta record is written only if a chunk boundary moved.
     */
    void add(long timestamp, float[] vector, long modelVersion, long cutoff, long wallClockMillis) {
        evictOlderThan(cutoff);
        Entry entry = new Entry(timestamp, vector, modelVersion);
        if (window.size() == window.capacity()) {
            evictOldest();
        }
        window.add(entry);
        if (openChunk == null) {
            openChunk = WindowChunks.newChunk(dimension);
        }
        WindowChunks.appendInPlace(openChunk, entry, dimension);
        store.put(openKey, openChunk);
        arrivals++;
        if (WindowChunks.entryCount(openChunk) == WindowChunks.CHUNK_SIZE) {
            // Sealed: it stays in the store as written; the next vector starts a new chunk.
            openSeq++;
            openKey = WindowChunks.chunkKey(label, openSeq);
            openChunk = null;
            openFirstArrival = arrivals;
        }
        writeMetaIfMoved();
        markChanged(wallClockMillis);
    }

    /** Evicts vectors older than {@code cutoff} (event time); returns how many. */
    int evictBefore(long cutoff, long wallClockMillis) {
        int evicted = evictOlderThan(cutoff);
        if (evicted > 0) {
            writeMetaIfMoved();
            markChanged(wallClockMillis);
        }
        return evicted;
    }

    private int evictOlderThan(long cutoff) {
        int evicted = 0;
        while (!window.isEmpty() && window.oldest().timestamp() < cutoff) {
            evictOldest();
            evicted++;
        }
        return evicted;
    }

    private void evictOldest() {
        window.removeOldest();
        headSkip++;
        boolean headIsOpen = headSeq == openSeq;
        if (!headIsOpen && headSkip == WindowChunks.CHUNK_SIZE) {
            store.put(WindowChunks.chunkKey(label, headSeq), null);
            headSeq++;
            headSkip = 0;
        }
    }

    private void writeMetaIfMoved() {
        if (headSeq != storedHeadSeq || openSeq != storedOpenSeq) {
            writeMeta();
        }
    }

    private void writeMeta() {
        store.put(metaKey, WindowChunks.encodeMeta(new Meta(headSeq, headSkip, openSeq, openFirstArrival, dimension)));
        storedHeadSeq = headSeq;
        storedOpenSeq = openSeq;
    }

    private void markChanged(long wallClockMillis) {
        dirty = true;
        if (pendingSince < 0) {
            pendingSince = wallClockMillis;
        }
    }

    /** The summary of the window as it is now; clears the changed flag. */
    ClassSummaryMessage summarize() {
        long minVersion = Long.MAX_VALUE;
        long maxVersion = Long.MIN_VALUE;
        for (Entry e : window.entries()) {
            minVersion = Math.min(minVersion, e.modelVersion());
            maxVersion = Math.max(maxVersion, e.modelVersion());
        }
        boolean empty = window.isEmpty();
        ClassSummaryMessage m = new ClassSummaryMessage(
                label,
                window.size(),
                window.volume(),
                window.halfVolume(),
                window.mean(),
                dimension,
                empty ? -1 : minVersion,
                empty ? -1 : maxVersion,
                empty ? 0 : window.oldest().timestamp(),
                empty ? 0 : window.newest().timestamp(),
                arrivals,
                pendingSince);
        dirty = false;
        pendingSince = -1;
        return m;
    }

    boolean dirty() {
        return dirty;
    }

    int dimension() {
        return dimension;
    }

    int size() {
        return window.size();
    }

    /** Newest event time in the window, or Long.MIN_VALUE when empty. */
    long newestTimestamp() {
        return window.isEmpty() ? Long.MIN_VALUE : window.newest().timestamp();
    }

    String label() {
        return label;
    }

    /** The vectors held, oldest first (tests compare them with the store). */
    List<float[]> vectors() {
        List<float[]> out = new ArrayList<>(window.size());
        window.entries().forEach(e -> out.add(e.vector()));
        return out;
    }

    /** Arrival number the window's next vector gets (tests: equal to the arrivals counted, live or restored). */
    long windowArrivals() {
        return window.arrivals();
    }

    /** Volume of the window (from the running statistic). */
    double volume() {
        return window.volume();
    }
}
