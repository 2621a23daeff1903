package org.semanticscale.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.dataset.ClassSummaries;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.scale.ClassScale;
import org.semanticscale.scale.SemanticScales;
import org.semanticscale.scale.WeightNormalization;
import org.semanticscale.scaletopic.ScaleSnapshot;
import org.semanticscale.scaletopic.ScaleView;
import org.semanticscale.streams.StreamsApp;
import org.semanticscale.streams.StreamsAppConfig;
import org.semanticscale.testkit.Await;
import org.semanticscale.testkit.KafkaIo;
import org.semanticscale.testkit.Pace;

/**
 * The many-classes check of issue 12: iNaturalist's 8,142 classes of 64-d vectors through one streams-app with the
 * default intervals. Every class gets the scale the core computes from scratch for its window; then, with vectors
 * arriving live at random classes, the time from producing a vector to its class's scale being read from
 * {@code ssi.scales} and stage B's time per publish are measured and printed (the target, p99 within 2 s, is
 * reported in docs/scaling.md from this test and the scale-out benchmark, not asserted: speed is not a test's
 * business on a shared 2-core machine).
 */
class ManyClassesIT {
    private static final int CLASSES = 8_142;
    private static final int DIMENSION = 64;
    /** Window cap = scale.min-samples (the default 16): the state fits (docs/scaling.md). */
    private static final int CAPACITY = 16;

    private static final int LIVE_RATE = 500;
    private static final Duration LIVE = Duration.ofSeconds(20);
    private static final Duration WAIT = Duration.ofSeconds(240);

    @TempDir
    Path state;

    @Test
    void everyOneOf8142ClassesGetsItsScaleAndLiveVectorsReachTheirClassesScales() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            StreamsAppConfig config = StreamsAppConfig.of(Map.of(
                    "kafka.bootstrap.servers",
                    broker.bootstrapServers(),
                    "application.id",
                    "ssi-it-many-classes",
                    "state.dir",
                    state.toString(),
                    "input.enabled",
                    "false",
                    "features.dimension",
                    Integer.toString(DIMENSION),
                    "window.span",
                    "1h",
                    "window.max-per-class",
                    Integer.toString(CAPACITY),
                    "metrics.port",
                    "0"));
            Random random = new Random(8142);
            float[][] centres = new float[CLASSES][DIMENSION];
            for (float[] c : centres) {
                for (int k = 0; k < DIMENSION; k++) {
                    c[k] = (float) (4 * random.nextGaussian());
                }
            }
            // Every vector of the fill, which is every class's whole window: what the core summarises from scratch.
            String[] fillLabels = new String[CLASSES * CAPACITY];
            float[] fillRows = new float[CLASSES * CAPACITY * DIMENSION];
            long first = System.currentTimeMillis() - 60_000;
            List<ProducerRecord<byte[], byte[]>> fill = new ArrayList<>();
            for (int n = 0; n < CAPACITY; n++) {
                for (int i = 0; i < CLASSES; i++) {
                    float[] v = vector(centres[i], 0.5 + i % 7 / 7.0, random);
                    fillLabels[fill.size()] = label(i);
                    System.arraycopy(v, 0, fillRows, fill.size() * DIMENSION, DIMENSION);
                    fill.add(record(config.featuresTopic(), i, v, first + fill.size()));
                }
            }
            try (StreamsApp app = StreamsApp.start(config)) {
                assertTrue(app.awaitRunning(Duration.ofSeconds(90)), "the app runs, state " + app.state());
                Properties client = new Properties();
                client.put("bootstrap.servers", broker.bootstrapServers());
                LiveLatencies latencies = new LiveLatencies();
                try (ScaleView scales = ScaleView.reading(client, config.scalesTopic())
                                .optListener(latencies::published)
                                .start();
                        KafkaProducer<byte[], byte[]> producer =
                                KafkaIo.of(broker.bootstrapServers()).producer()) {
                    // 1. Every class's window filled: every class's scale as the core computes it from scratch.
                    long start = System.nanoTime();
                    fill.forEach(producer::send);
                    producer.flush();
                    Map<String, ClassScale> expected =
                            fromScratch(new LabelledVectors(fillLabels, fillRows, new int[] {DIMENSION}));
                    AtomicReference<String> state = new AtomicReference<>("");
                    Await.until(
                            "every one of " + CLASSES + " classes with its scale",
                            WAIT,
                            () -> {
                                List<String> off = differences(expected, scales.snapshot());
                                state.set(off.size() + " classes differ, e.g. "
                                        + off.stream().limit(3).toList());
                                return off.isEmpty();
                            },
                            state::get);
                    System.out.printf(
                            Locale.ROOT,
                            "FIGURE many-classes | %d classes x %d vectors of %d-d to every class's exact scale: %.1f s%n",
                            CLASSES,
                            CAPACITY,
                            DIMENSION,
                            (System.nanoTime() - start) / 1e9);

                    // 2. Live: vectors at random classes, each timed from its send to the first scale of its
                    //    class whose window ends at or after it.
                    Pace pace = Pace.start(LIVE_RATE);
                    int sent = 0;
                    for (; sent < LIVE_RATE * LIVE.toSeconds(); sent++) {
                        pace.awaitTurn(sent);
                        int i = random.nextInt(CLASSES);
                        long now = System.currentTimeMillis();
                        latencies.sent(label(i), now);
                        producer.send(record(config.featuresTopic(), i, vector(centres[i], 1, random), now));
                    }
                    producer.flush();
                    int total = sent;
                    Await.until(
                            "every live vector in its class's published scale",
                            WAIT,
                            () -> latencies.count() == total,
                            () -> latencies.count() + " of " + total);
                    Timer publish = app.registry()
                            .get("ssi.scales.publish")
                            .tags("view", "model")
                            .timer();
                    List<Long> sorted = latencies.sorted();
                    System.out.printf(
                            Locale.ROOT,
                            "FIGURE many-classes | produce to published scale, %d vectors at %d/s over %d classes: "
                                    + "p50 %d ms, p99 %d ms, max %d ms; stage B per publish: mean %.0f ms, max %.0f ms "
                                    + "over %d publishes%n",
                            total,
                            LIVE_RATE,
                            CLASSES,
                            sorted.get(sorted.size() / 2),
                            sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1),
                            sorted.get(sorted.size() - 1),
                            publish.mean(TimeUnit.MILLISECONDS),
                            publish.max(TimeUnit.MILLISECONDS),
                            publish.count());
                    assertEquals(CLASSES, scales.snapshot().byLabel().size(), "one record per class");
                }
            }
        }
    }

    private static String label(int i) {
        return "n" + i;
    }

    private static float[] vector(float[] centre, double spread, Random random) {
        float[] v = new float[centre.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) (centre[k] + spread * random.nextGaussian());
        }
        return v;
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int i, float[] v, long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                timestamp,
                label(i).getBytes(StandardCharsets.UTF_8),
                BinaryRecords.encode(new FeatureVector(label(i), v, 1, "")));
    }

    private static Map<String, ClassScale> fromScratch(LabelledVectors windows) {
        Map<String, ClassScale> out = new HashMap<>();
        new SemanticScales(2.0, WeightNormalization.SUM_TO_ONE, 0.9999, CAPACITY)
                .compute(ClassSummaries.of(windows))
                .forEach(c -> out.put(c.label(), c));
        return out;
    }

    /** The classes whose published scale is missing or off the from-scratch one by more than 1e-6. */
    private static List<String> differences(Map<String, ClassScale> expected, ScaleSnapshot snapshot) {
        List<String> out = new ArrayList<>();
        expected.forEach((label, e) -> {
            ScaleRecord r = snapshot.get(label);
            if (r == null
                    || r.n() != e.n()
                    || !close(e.volume(), r.volume())
                    || !close(e.scale(), r.scale())
                    || !close(e.weight(), r.weight())) {
                out.add(label);
            }
        });
        return out;
    }

    private static boolean close(double expected, double actual) {
        return Math.abs(actual - expected) <= 1e-6 * Math.abs(expected);
    }

    /** Send times per class not yet covered by a published scale, and the latencies of those that are. */
    private static final class LiveLatencies {
        private final Map<String, List<Long>> waiting = new HashMap<>();
        private final List<Long> latencies = new ArrayList<>();

        synchronized void sent(String label, long millis) {
            waiting.computeIfAbsent(label, l -> new ArrayList<>()).add(millis);
        }

        synchronized void published(ScaleSnapshot snapshot, java.util.Set<String> labels) {
            long now = System.currentTimeMillis();
            for (String label : labels) {
                List<Long> pending = waiting.get(label);
                ScaleRecord r = snapshot.get(label);
                if (pending == null || r == null) {
                    continue;
                }
                pending.removeIf(t -> {
                    boolean covered = t <= r.windowEnd();
                    if (covered) {
                        latencies.add(now - t);
                    }
                    return covered;
                });
            }
        }

        synchronized int count() {
            return latencies.size();
        }

        synchronized List<Long> sorted() {
            List<Long> out = new ArrayList<>(latencies);
            Collections.sort(out);
            return out;
        }
    }
}
