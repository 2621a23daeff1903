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
            MockProcessorContext<String, WindowOutput> context = new MockProcessorContext<>();
            context.setCurrentSystemTimeMs(0);
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
            processor = new ClassWindowProcessor(
                    "w",
                    Duration.ofHours(1),
                    capacity,
                    Duration.ofSeconds(1),
                    new StreamsAppMetrics(10).view(View.MODEL));
            processor.init(context);
        }

        void send(float[] v, long t) {
            processor.process(new Record<>("a", new Ingested.Accepted(new FeatureVector("a", v, 1, ""), false), t));
        }

        /** A second stage A on a copy of this one's store: a restart on another instance. */
        StageA restarted(int capacity) {
            StageA other = new StageA(capacity);
            try (KeyValueIterator<String, byte[]> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<String, byte[]> kv = it.next();
                    other.store.put(kv.key, kv.value);
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
        WindowChunks.Meta meta = WindowChunks.decodeMeta(smaller.store.get(WindowChunks.metaKey("a")));
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
}
