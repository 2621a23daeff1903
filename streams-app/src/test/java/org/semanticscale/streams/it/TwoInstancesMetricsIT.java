package org.semanticscale.streams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.streams.StreamsApp;
import org.semanticscale.streams.StreamsAppConfig;
import org.semanticscale.testkit.Await;
import org.semanticscale.testkit.KafkaIo;
import org.semanticscale.testkit.Scrape;

/**
 * Two instances of one application on a real broker (README, "Metrics across instances"): stage B's meters are on
 * exactly one of them, each class's window gauge on one, an idle or non-owning instance stays healthy, and when the
 * owner stops the other takes stage B and its meters over.
 */
class TwoInstancesMetricsIT {
    private static final List<String> CLASSES = List.of("a", "b", "c", "d", "e", "f");
    private static final String OWNER = "ssi_stage_b_owner{view=\"model\"}";
    private static final String RATIO = "ssi_imbalance_ratio{view=\"model\"}";

    @TempDir
    Path stateA;

    @TempDir
    Path stateB;

    private static StreamsAppConfig config(String bootstrap, Path stateDir) {
        return StreamsAppConfig.of(Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "application.id", "ssi-it-two-instances",
                "state.dir", stateDir.toString(),
                "scale.interval", "300ms",
                "scale.publish-interval", "100ms",
                "scale.min-samples", "2",
                "metrics.port", "0"));
    }

    @Test
    void stageBMetersLiveOnItsOwnerOnlyAndMoveWithIt() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            KafkaIo kafka = KafkaIo.of(broker.bootstrapServers());
            StreamsAppConfig configA = config(broker.bootstrapServers(), stateA);
            List<StreamsApp> running = new ArrayList<>();
            try {
                // 1. Two instances of one application, both RUNNING.
                StreamsApp a = StreamsApp.start(configA);
                running.add(a);
                assertTrue(a.awaitRunning(Duration.ofSeconds(60)), "a runs, state " + a.state());
                StreamsApp b = StreamsApp.start(config(broker.bootstrapServers(), stateB));
                running.add(b);
                assertTrue(b.awaitRunning(Duration.ofSeconds(90)), "b runs, state " + b.state());

                // 2. Features of six classes: every class gets a scale.
                Random random = new Random(5);
                List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
                long t = System.currentTimeMillis();
                for (String label : CLASSES) {
                    for (int i = 0; i < 20; i++) {
                        float[] row = new float[4];
                        for (int j = 0; j < row.length; j++) {
                            row[j] = (float) random.nextGaussian();
                        }
                        records.add(new ProducerRecord<>(
                                configA.featuresTopic(),
                                null,
                                t,
                                label.getBytes(StandardCharsets.UTF_8),
                                BinaryRecords.encode(new FeatureVector(label, row, 1, ""))));
                    }
                }
                kafka.sendAll(records);

                // 3. Exactly one instance owns the model view's stage B, and only it has the ratio and the
                //    per-class scales; every class's window gauge is on exactly one instance.
                List<StreamsApp> both = List.of(a, b);
                Await.until(
                        "one owner with every class's scale, every window gauge on one instance",
                        Duration.ofSeconds(90),
                        () -> settled(both),
                        () -> describe(both));
                StreamsApp owner = Scrape.of(a.metricsPort()).value(OWNER) == 1 ? a : b;
                StreamsApp other = owner == a ? b : a;
                Scrape otherScrape = Scrape.of(other.metricsPort());
                // (The other may run the input view's stage B: only model-view series count here.)
                for (String meter : List.of("ssi_imbalance_ratio", "ssi_semantic_scale", "ssi_alerts_total")) {
                    assertFalse(modelSeries(otherScrape, meter), meter + " off the owner: " + otherScrape.text());
                }
                assertEquals(200, Scrape.health(other.metricsPort()), "the other instance is healthy");

                // 4. The owner stops: the other takes stage B over, with its meters.
                running.remove(owner);
                owner.close();
                Await.until(
                        "the other instance owns stage B with every class's scale",
                        Duration.ofSeconds(120),
                        () -> {
                            Scrape s = Scrape.tryOf(other.metricsPort());
                            return s != null
                                    && s.value(OWNER) == 1
                                    && Double.isFinite(s.value(RATIO))
                                    && CLASSES.stream().allMatch(c -> windowed(s, c) && scaled(s, c));
                        },
                        () -> describe(List.of(other)));
                assertEquals(200, Scrape.health(other.metricsPort()));
            } finally {
                running.forEach(StreamsApp::close);
            }
        }
    }

    private static boolean settled(List<StreamsApp> apps) throws Exception {
        List<Scrape> scrapes = new ArrayList<>();
        for (StreamsApp app : apps) {
            scrapes.add(Scrape.of(app.metricsPort()));
        }
        long owners = scrapes.stream().filter(s -> s.value(OWNER) == 1).count();
        long ratios = scrapes.stream()
                .filter(s -> modelSeries(s, "ssi_imbalance_ratio"))
                .count();
        if (owners != 1 || ratios != 1) {
            return false;
        }
        for (String c : CLASSES) {
            if (scrapes.stream().filter(s -> windowed(s, c)).count() != 1
                    || scrapes.stream().filter(s -> scaled(s, c)).count() != 1) {
                return false;
            }
        }
        return true;
    }

    /** Whether the scrape has a model-view series of this meter. */
    private static boolean modelSeries(Scrape s, String meter) {
        return s.text().lines().anyMatch(l -> l.startsWith(meter + "{") && l.contains("view=\"model\""));
    }

    private static boolean windowed(Scrape s, String label) {
        return s.text().contains("ssi_window_vectors{class=\"" + label + "\",view=\"model\"}");
    }

    private static boolean scaled(Scrape s, String label) {
        return Double.isFinite(s.value("ssi_semantic_scale{class=\"" + label + "\",view=\"model\"}"));
    }

    private static String describe(List<StreamsApp> apps) {
        StringBuilder out = new StringBuilder();
        for (StreamsApp app : apps) {
            Scrape s = Scrape.tryOf(app.metricsPort());
            out.append(app.state()).append(": ");
            if (s != null) {
                s.text()
                        .lines()
                        .filter(l -> l.startsWith("ssi_stage_b_owner")
                                || l.startsWith("ssi_window_tasks")
                                || l.startsWith("ssi_window_vectors")
                                || l.startsWith("ssi_semantic_scale{"))
                        .forEach(l -> out.append(l).append("; "));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
