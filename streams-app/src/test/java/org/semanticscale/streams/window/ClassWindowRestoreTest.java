package org.semanticscale.streams.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.streams.View;
import org.semanticscale.streams.ingest.Ingested;
import org.semanticscale.streams.metrics.StreamsAppMetrics;
import org.semanticscale.window.WindowStatisticContract;

/**
 * A window rebuilt from its store numbers its vectors as the live window did, so each sits in the half (even or
 * odd arrivals) it had: the saturation gain and the running halves go on as if nothing had happened.
 */
class ClassWindowRestoreTest {
    private static final int D = 4;

    /** Stage A over an in-memory store: the processor the topology runs, on a mock context. */
    private static final class StageA {
        final KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore("w"), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        final ClassWindowProcessor processor;

        StageA(int capacity) {
            this(capacity, Duration.ofHours(1));
        }

        StageA(int capacity, Duration span) {
            MockProcessorContext<String, WindowOutput> context = new MockProcessorContext<>();
            context.setCurrentSystemTimeMs(0);
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
            processor = new ClassWindowProcessor(
                    "w", span, capacity, Duration.ofSeconds(1), new StreamsAppMetrics(10).view(View.MODEL));
            processor.init(context);
        }

        void send(float[] v, long t) {
            processor.process(new Record<>("a", new Ingested.Accepted(new FeatureVector("a", v, 1, ""), false), t));
        }

        /** A second stage A on a copy of this one's store: a restart on another instance. */
        StageA restarted(int capacity) {
            return restarted(capacity, Duration.ofHours(1));
        }

        StageA restarted(int capacity, Duration span) {
            StageA other = new StageA(capacity, span);
            try (KeyValueIterator<String, byte[]> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<String, byte[]> kv = it.next();
                    // A copy, as a restart reads it from the changelog or RocksDB: this in-memory store holds the
                    // live window's open chunk itself, which the live window goes on writing into.
                    other.store.put(kv.key, kv.value.clone());
                }
            }
            return other;
        }

        ClassWindow window() {
            return processor.window("a");
        }
    }

    private static float[] vector(Random r) {
        return WindowStatisticContract.randomVector(r, D, 0, 1);
    }

    @Test
    void aRestoredWindowGoesOnNumberingArrivalsWhereTheLiveOneWas() {
        Random r = new Random(8);
        StageA live = new StageA(7);
        for (int i = 0; i < 21; i++) {
            live.send(vector(r), i); // 14 evicted: the oldest held is arrival 14, then 21 is next
        }
        StageA restored = live.restarted(7);
        float[] next = vector(r);
        restored.send(next, 100); // its first record: the window is rebuilt from the store first
        live.send(next, 100);
        assertEquals(22, live.window().windowArrivals());
        assertEquals(22, restored.window().windowArrivals(), "the arrivals the live window had counted");
        for (int i = 0; i < 9; i++) {
            float[] v = vector(r);
            live.send(v, 101 + i);
            restored.send(v, 101 + i);
            ClassSummaryMessage a = live.window().summarize();
            ClassSummaryMessage b = restored.window().summarize();
            assertEquals(a.volume(), b.volume(), 1e-12);
            assertEquals(a.halfVolume(), b.halfVolume(), 1e-12);
        }
    }

    @Test
    void aWindowRestoredWithASmallerCapacityDropsItsOldestFromTheStoreToo() {
        Random r = new Random(9);
        StageA live = new StageA(40);
        for (int i = 0; i < 45; i++) {
            live.send(vector(r), i);
        }
        List<float[]> newest = live.window().vectors().subList(40 - 25, 40);
        StageA smaller = live.restarted(25);
        smaller.processor.emitSummaries(0);
        assertEquals(25, smaller.window().size());
        assertEquals(45, smaller.window().windowArrivals());
        WindowChunks.Meta meta = WindowChunks.decodeMeta(smaller.store.get(WindowChunks.metaKey("a")), null);
        assertEquals(20, meta.headSeq() * WindowChunks.CHUNK_SIZE + meta.headSkip(), "20 vectors evicted in the store");
        // Restored once more from what the smaller one left in its store: the same 25 vectors.
        StageA again = smaller.restarted(25);
        again.processor.emitSummaries(0);
        List<float[]> held = again.window().vectors();
        assertEquals(25, held.size());
        for (int i = 0; i < 25; i++) {
            assertArrayEquals(newest.get(i), held.get(i), "vector " + i);
        }
    }

    /**
     * The meta record is written only when a chunk boundary moves, so a crash between two writes leaves it
     * behind the window: vectors evicted since (by capacity or by time) must be evicted again on restore, and
     * the summary after the next punctuation must be the live one's.
     */
    @Test
    void aWindowRestoredBetweenMetaWritesHoldsWhatTheLiveOneHolds() {
        Random r = new Random(10);
        Duration span = Duration.ofMillis(50);
        StageA live = new StageA(30, span);
        for (int i = 0; i < 75; i++) {
            // Timestamps 0, 2, 4, ...: the window spans 50 ms of them, 26 vectors, below the capacity of 30.
            live.send(vector(r), 2L * i);
        }
        live.processor.emitSummaries(0);
        StageA restored = live.restarted(30, span);
        restored.processor.emitSummaries(0);
        assertEquals(26, live.window().size());
        assertEquals(live.window().size(), restored.window().size(), "vectors held");
        assertEquals(live.window().windowArrivals(), restored.window().windowArrivals(), "arrivals");
        List<float[]> a = live.window().vectors();
        List<float[]> b = restored.window().vectors();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "vector " + i);
        }
        ClassSummaryMessage x = live.window().summarize();
        ClassSummaryMessage y = restored.window().summarize();
        assertEquals(x.volume(), y.volume(), 1e-12 * Math.abs(x.volume()));
        assertEquals(x.halfVolume(), y.halfVolume(), 1e-12 * Math.abs(x.halfVolume()));
        assertEquals(x.arrivals(), y.arrivals());
    }

    /** A store written before the meta record's version 2 (arrivals counted to the last vector) still restores. */
    @Test
    void aMetaRecordOfTheVersionBeforeStillRestores() {
        Random r = new Random(11);
        StageA live = new StageA(10);
        for (int i = 0; i < 21; i++) {
            live.send(vector(r), i); // chunk 0 sealed at 16, chunk 1 holds 5; 11 evicted
        }
        StageA old = live.restarted(10);
        WindowChunks.Meta now = WindowChunks.decodeMeta(old.store.get(WindowChunks.metaKey("a")), null);
        byte[] legacy = java.nio.ByteBuffer.allocate(32)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putLong(now.headSeq())
                .putInt(11)
                .putLong(now.openSeq())
                .putLong(21) // version 1 counted every arrival
                .putInt(now.dimension())
                .array();
        old.store.put(WindowChunks.metaKey("a"), legacy);
        old.processor.emitSummaries(0);
        assertEquals(10, old.window().size());
        assertEquals(21, old.window().windowArrivals());
        assertEquals(
                live.window().summarize().halfVolume(), old.window().summarize().halfVolume(), 1e-12);
    }
}
