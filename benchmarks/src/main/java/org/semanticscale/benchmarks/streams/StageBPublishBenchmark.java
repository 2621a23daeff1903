package org.semanticscale.benchmarks.streams;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.semanticscale.scale.Saturation;
import org.semanticscale.scale.SemanticScales;
import org.semanticscale.streams.View;
import org.semanticscale.streams.alert.AlertPolicy;
import org.semanticscale.streams.alert.DropPolicy;
import org.semanticscale.streams.metrics.StreamsAppMetrics;
import org.semanticscale.streams.scale.PublishPolicy;
import org.semanticscale.streams.scale.ScaleOutput;
import org.semanticscale.streams.scale.ScaleProcessor;
import org.semanticscale.streams.window.ClassSummaryMessage;

/**
 * One whole stage B interval of the streams-app at C classes, d = 64: {@code changedPercent} % of the classes
 * send a new summary ({@code process}: the store write of its state) and the publish punctuator runs
 * (scales, alerts, histories, one scale record per class, the per-class meters, the forwards). The store is
 * in memory and the forwards are captured by a {@link MockProcessorContext}, so this is stage B's own cost
 * without RocksDB and Kafka.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1)
public class StageBPublishBenchmark {
    static final int D = 64;

    @State(Scope.Thread)
    public static class Stage {
        @Param({"8142"})
        int classes;

        @Param({"1", "10", "100"})
        int changedPercent;

        /** scale.publish-tolerance: 0 publishes every record that differs, 0.001 is the default. */
        @Param({"0", "0.001"})
        double tolerance;

        MockProcessorContext<String, ScaleOutput> context;
        ScaleProcessor processor;
        Punctuator publish;
        /** Two summaries per class, alternated: the same volume and count, another centre. */
        ClassSummaryMessage[][] versions;

        int[] version;
        int changed;
        int next;
        long now;

        @Setup
        public void make() {
            context = new MockProcessorContext<>();
            KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(
                            Stores.inMemoryKeyValueStore("states"), Serdes.String(), Serdes.ByteArray())
                    .withLoggingDisabled()
                    .build();
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
            processor = new ScaleProcessor(
                    "states",
                    SemanticScales.withDefaults(),
                    new AlertPolicy(0.2, 1.1),
                    new DropPolicy(0.5, 1.1, Duration.ofSeconds(64), Duration.ofSeconds(5)),
                    new Saturation(Saturation.DEFAULT_THRESHOLD),
                    new PublishPolicy(Duration.ofMillis(200), tolerance),
                    Duration.ofHours(1),
                    new StreamsAppMetrics(1000).view(View.MODEL));
            processor.init(context);
            publish = context.scheduledPunctuators().get(0).getPunctuator();
            Random random = new Random(11);
            versions = new ClassSummaryMessage[classes][2];
            for (int i = 0; i < classes; i++) {
                long n = 2 + i % 500;
                double volume = 1 + (i % 37) / 37.0;
                for (int v = 0; v < 2; v++) {
                    double[] mean = new double[D];
                    for (int k = 0; k < D; k++) {
                        mean[k] = 10 * random.nextGaussian();
                    }
                    versions[i][v] =
                            new ClassSummaryMessage("class-" + i, n, volume, volume, mean, D, 1, 1, 0, 1000, n, -1);
                }
                send(versions[i][0]);
            }
            version = new int[classes];
            changed = Math.max(1, classes * changedPercent / 100);
            publish.punctuate(now);
        }

        void send(ClassSummaryMessage m) {
            processor.process(new Record<>(m.label(), m, now));
        }
    }

    @Benchmark
    public int interval(Stage s) {
        for (int k = 0; k < s.changed; k++) {
            int i = s.next;
            s.next = (s.next + 1) % s.classes;
            s.version[i] ^= 1;
            s.send(s.versions[i][s.version[i]]);
        }
        s.now += 200;
        s.publish.punctuate(s.now);
        int forwarded = s.context.forwarded().size();
        s.context.resetForwards();
        return forwarded;
    }
}
