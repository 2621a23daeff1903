package org.semanticscale.streams.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.scale.ClassScale;
import org.semanticscale.scale.ClassSummary;
import org.semanticscale.scale.Saturation;
import org.semanticscale.scale.SemanticScales;
import org.semanticscale.streams.View;
import org.semanticscale.streams.alert.AlertPolicy;
import org.semanticscale.streams.alert.DropPolicy;
import org.semanticscale.streams.metrics.StreamsAppMetrics;
import org.semanticscale.streams.window.ClassSummaryMessage;

/**
 * Stage B on its own (a mock context, an in-memory store): its incremental distance sums give the scales of a
 * from-scratch computation whatever the order the summaries came in and across a restart.
 */
class ScaleProcessorTest {
    private static final String STORE = "states";
    private static final int D = 8;
    private static final SemanticScales SCALES = SemanticScales.withDefaults();

    private final Random random = new Random(17);

    private record Stage(ScaleProcessor processor, MockProcessorContext<String, ScaleOutput> context) {
        Map<String, ScaleRecord> publish(long now) {
            context.resetForwards();
            processor.publish(now);
            Map<String, ScaleRecord> out = new HashMap<>();
            for (var f : context.forwarded()) {
                if (f.record().value() instanceof ScaleOutput.Scale s) {
                    out.put(s.record().label(), s.record());
                }
            }
            return out;
        }
    }

    private static KeyValueStore<String, byte[]> newStore() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
    }

    private static Stage stage(KeyValueStore<String, byte[]> store, boolean initStore) {
        return stage(store, initStore, PublishPolicy.everyChange(Duration.ofMillis(200)));
    }

    private static Stage stage(KeyValueStore<String, byte[]> store, boolean initStore, PublishPolicy publishing) {
        MockProcessorContext<String, ScaleOutput> context = new MockProcessorContext<>();
        if (initStore) {
            store.init(context.getStateStoreContext(), store);
        }
        context.addStateStore(store);
        ScaleProcessor processor = new ScaleProcessor(
                STORE,
                SCALES,
                new AlertPolicy(0.2, 1.1),
                new DropPolicy(0.5, 1.1, Duration.ofSeconds(64), Duration.ofSeconds(5)),
                new Saturation(Saturation.DEFAULT_THRESHOLD),
                publishing,
                Duration.ofHours(1),
                new StreamsAppMetrics(100).view(View.MODEL));
        processor.init(context);
        return new Stage(processor, context);
    }

    private ClassSummaryMessage summary(String label) {
        double[] mean = new double[D];
        for (int k = 0; k < D; k++) {
            mean[k] = 5 * random.nextGaussian();
        }
        long n = 2 + random.nextInt(100);
        double volume = 1 + random.nextDouble();
        return new ClassSummaryMessage(label, n, volume, volume, mean, D, 1, 1, 0, 1000, n, -1);
    }

    private static void send(Stage s, ClassSummaryMessage m) {
        s.processor().process(new Record<>(m.label(), m, 0));
    }

    @Test
    void shouldPublishFromScratchScalesWhateverTheOrderSummariesCameInAndAfterARestart() {
        List<ClassSummaryMessage> last = new ArrayList<>();
        List<ClassSummaryMessage> history = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String label = "class-" + i;
            // Two or three summaries of each class, the last of which counts.
            for (int r = 0; r < 2 + random.nextInt(2); r++) {
                history.add(summary(label));
            }
            last.add(history.get(history.size() - 1));
        }
        KeyValueStore<String, byte[]> storeA = newStore();
        Stage a = stage(storeA, true);
        Stage b = stage(newStore(), true);
        Map<String, ScaleRecord> publishedA = new HashMap<>();
        Map<String, ScaleRecord> publishedB = new HashMap<>();
        // A: the summaries in their order, a publish after every 3; B: shuffled, a publish after every 7.
        List<ClassSummaryMessage> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, random);
        for (int i = 0; i < history.size(); i++) {
            send(a, history.get(i));
            if (i % 3 == 2) {
                publishedA.putAll(a.publish(i));
            }
            send(b, shuffled.get(i));
            if (i % 7 == 6) {
                publishedB.putAll(b.publish(i));
            }
        }
        // Both end with every class's last summary.
        for (ClassSummaryMessage m : last) {
            send(a, m);
            send(b, m);
        }
        publishedA.putAll(a.publish(1000));
        publishedB.putAll(b.publish(1000));

        List<ClassSummary> finals = new ArrayList<>();
        for (ClassSummaryMessage m : last) {
            finals.add(new ClassSummary(m.label(), m.n(), m.volume(), m.mean()));
        }
        Map<String, ClassScale> expected = new HashMap<>();
        for (ClassScale c : SCALES.compute(finals)) {
            expected.put(c.label(), c);
        }
        assertSame(expected, publishedA, "in order");
        assertSame(expected, publishedB, "shuffled");

        // A restart on A's store: the first publish rebuilds the sums from the restored states.
        Stage restarted = stage(storeA, false);
        Map<String, ScaleRecord> afterRestart = restarted.publish(2000);
        assertEquals(last.size(), afterRestart.size(), "everything published once after a restart");
        assertSame(expected, afterRestart, "restarted");
        // And a later move of one class is applied incrementally on top of them.
        ClassSummaryMessage moved = summary("class-3");
        send(restarted, moved);
        finals.set(3, new ClassSummary(moved.label(), moved.n(), moved.volume(), moved.mean()));
        expected.clear();
        for (ClassScale c : SCALES.compute(finals)) {
            expected.put(c.label(), c);
        }
        afterRestart.putAll(restarted.publish(2200));
        assertSame(expected, afterRestart, "restarted, one class moved");
    }

    @Test
    void recordsMovedWithinTheToleranceWaitForTheStreamToSettleAndAreThenPublishedExactly() {
        List<ClassSummaryMessage> classes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            classes.add(summary("class-" + i));
        }
        for (double tolerance : new double[] {0, 1e-3}) {
            Stage stage = stage(newStore(), true, new PublishPolicy(Duration.ofMillis(200), tolerance));
            classes.forEach(m -> send(stage, m));
            assertEquals(200, stage.publish(0).size(), "the first publish: every class");

            // Class 3's centre moves a little (same count and volume): every other class's mean distance moves
            // by about 1e-5 of itself.
            ClassSummaryMessage old = classes.get(3);
            double[] mean = old.mean().clone();
            mean[0] += 0.1;
            ClassSummaryMessage moved = new ClassSummaryMessage(
                    old.label(), old.n(), old.volume(), old.halfVolume(), mean, D, 1, 1, 0, 1001, old.n(), -1);
            send(stage, moved);
            Map<String, ScaleRecord> published = stage.publish(200);
            Map<String, ScaleRecord> settled = stage.publish(400);
            Map<String, ScaleRecord> quiet = stage.publish(600);
            if (tolerance == 0) {
                assertEquals(200, published.size(), "tolerance 0: every record that differs, at once");
                assertEquals(Map.of(), settled, "tolerance 0: nothing held back");
            } else {
                assertEquals(List.of("class-3"), List.copyOf(published.keySet()), "at once: the class that changed");
                assertEquals(199, settled.size(), "the next, quiet interval: the others, held back");
            }
            assertEquals(Map.of(), quiet, "then nothing");

            List<ClassSummary> finals = new ArrayList<>();
            for (ClassSummaryMessage m : classes) {
                ClassSummaryMessage last = m == old ? moved : m;
                finals.add(new ClassSummary(last.label(), last.n(), last.volume(), last.mean()));
            }
            Map<String, ClassScale> expected = new HashMap<>();
            SCALES.compute(finals).forEach(c -> expected.put(c.label(), c));
            Map<String, ScaleRecord> latest = new HashMap<>(published);
            latest.putAll(settled);
            assertSame(expected, latest, "tolerance " + tolerance + ": exact once settled");
        }
    }

    @Test
    void aClassWithoutAVectorWithinTheSpanOfTheNewestIsPublishedEmptyAndAlertsAsStarving() {
        Stage stage = stage(newStore(), true);
        Map<String, ClassSummaryMessage> latest = new HashMap<>();
        for (String label : List.of("a", "b", "quiet")) {
            latest.put(label, at(summary(label), 1_000));
            send(stage, latest.get(label));
        }
        assertTrue(stage.publish(0).get("quiet").hasScale(), "with data like the others, it has a scale");

        // a and b go on an hour and a second later (window.span is 1 h here); quiet sends nothing: alone on its
        // partition, its window in stage A never ages out.
        for (String label : List.of("a", "b")) {
            send(stage, at(latest.get(label), 1_000 + 3_601_000));
        }
        ScaleRecord quiet = stage.publish(200).get("quiet");
        assertEquals(0, quiet.n(), "published without vectors");
        assertTrue(Double.isNaN(quiet.volume()) && !quiet.hasScale(), "no volume, no scale");
        assertEquals(1_000, quiet.windowEnd(), "when it last had data");
        assertTrue(quiet.underrepresented(), "starving");
        List<String> alerts = new ArrayList<>();
        stage.context().forwarded().forEach(f -> {
            if (f.record().value() instanceof ScaleOutput.Alert a) {
                alerts.add(a.record().label() + " " + a.record().state());
            }
        });
        assertEquals(List.of("quiet UNDERREPRESENTED"), alerts);

        // It sends again: back among the others, with its scale.
        send(stage, at(latest.get("quiet"), 1_000 + 3_601_500));
        ScaleRecord back = stage.publish(400).get("quiet");
        assertEquals(latest.get("quiet").n(), back.n());
        assertTrue(back.hasScale(), "a scale again");
    }

    /** The summary with its newest vector at {@code windowEnd}. */
    private static ClassSummaryMessage at(ClassSummaryMessage s, long windowEnd) {
        return new ClassSummaryMessage(
                s.label(),
                s.n(),
                s.volume(),
                s.halfVolume(),
                s.mean(),
                s.dimension(),
                s.minModelVersion(),
                s.maxModelVersion(),
                s.windowStart(),
                windowEnd,
                s.arrivals(),
                -1);
    }

    private static void assertSame(Map<String, ClassScale> expected, Map<String, ScaleRecord> actual, String where) {
        assertEquals(expected.keySet(), actual.keySet(), where);
        for (ClassScale e : expected.values()) {
            ScaleRecord r = actual.get(e.label());
            assertClose(e.distanceWeight(), r.distanceWeight(), where + " " + e.label() + " W");
            assertClose(e.scale(), r.scale(), where + " " + e.label() + " S");
            assertClose(e.weight(), r.weight(), where + " " + e.label() + " weight");
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(
                Math.abs(actual - expected) <= 1e-9 * Math.abs(expected),
                what + ": expected " + expected + " but was " + actual);
    }
}
