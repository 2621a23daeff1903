package org.semanticscale.benchmarks.streams;

import java.lang.management.ManagementFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.semanticscale.streams.StreamsApp;
import org.semanticscale.streams.View;

/** Fills every class window of a running app, and reads the heap this JVM then holds. */
final class FullWindows {
    private FullWindows() {}

    /**
     * Produces {@code perClass} vectors of every class, waits up to {@code timeoutMillis} until the app has
     * processed them, then 3 s more for the last summaries and scales.
     */
    static void fill(
            StreamsApp app,
            LongTailFeatures features,
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            int perClass,
            long timeoutMillis)
            throws InterruptedException {
        features.produceBalanced(producer, topic, perClass, 3);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (app.metrics().view(View.MODEL).processed() < (long) perClass * features.classes()
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(3000);
    }

    /** Heap used after two collections half a second apart (the second catches what the first only queued). */
    static long heapUsedAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(500);
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
