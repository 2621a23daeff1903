package org.semanticscale.trainer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.semanticscale.testkit.ManualClock;
import org.semanticscale.trainer.checkpoint.TrainedLedger;
import org.semanticscale.trainer.evaluation.HeldOutAccuracy;
import org.semanticscale.trainer.train.Stage;
import org.semanticscale.trainer.train.TrainerStatus;
import org.semanticscale.trainer.train.TrainingLoop;

class TrainerMetricsTest {
    private static final List<String> CLASSES = List.of("cat", "dog", "emu");

    private static TrainerStatus before() {
        Map<String, Double> nan = new LinkedHashMap<>();
        Map<String, Double> ones = new LinkedHashMap<>();
        Map<String, Long> zeros = new LinkedHashMap<>();
        CLASSES.forEach(c -> {
            nan.put(c, Double.NaN);
            ones.put(c, 1.0);
            zeros.put(c, 0L);
        });
        return new TrainerStatus(
                TrainingLoop.State.STARTING,
                null,
                Stage.FILL,
                0,
                0,
                Double.NaN,
                nan,
                Double.NaN,
                Double.NaN,
                false,
                ones,
                zeros,
                0,
                Map.of(),
                0,
                0,
                0,
                -1,
                Map.of(),
                0,
                0,
                Double.NaN,
                Double.NaN,
                TrainedLedger.EMPTY,
                null);
    }

    private static TrainerStatus later() {
        return new TrainerStatus(
                TrainingLoop.State.RUNNING,
                null,
                Stage.BALANCE,
                120,
                7680,
                0.42,
                Map.of("cat", 0.9, "dog", 0.8, "emu", 0.25),
                0.85,
                0.65,
                true,
                Map.of("cat", 0.5, "dog", 0.7, "emu", 1.8),
                Map.of("cat", 5000L, "dog", 2500L, "emu", 180L),
                3,
                Map.of("non-finite", 4L, "unknown-label", 1L),
                7680,
                2,
                3,
                100,
                Map.of(0, 7700L),
                120,
                0.6,
                4.8,
                5200,
                new TrainedLedger(7680, 99),
                new HeldOutAccuracy(0.8, new double[] {0.9, 0.85, 0.6}, 0.9, 0.85, 0.6, 100));
    }

    private static double gauge(SimpleMeterRegistry r, String name, String... tags) {
        return r.get(name).tags(tags).gauge().value();
    }

    private static double counter(SimpleMeterRegistry r, String name, String... tags) {
        return r.get(name).tags(tags).functionCounter().count();
    }

    @Test
    void figuresNotKnownYetReadNaN() {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        new TrainerMetrics(TrainerMetricsTest::before, CLASSES, 100, List.of("non-finite")).bindTo(r);
        assertTrue(Double.isNaN(gauge(r, "ssi.trainer.loss")));
        assertTrue(Double.isNaN(gauge(r, "ssi.trainer.prequential.accuracy", "class", "dog")));
        assertTrue(Double.isNaN(gauge(r, "ssi.trainer.test.accuracy", "group", "tail")));
        assertEquals(1.0, gauge(r, "ssi.trainer.stage", "stage", "fill"));
        assertEquals(0.0, gauge(r, "ssi.trainer.stage", "stage", "balance"));
        assertEquals(1.0, gauge(r, "ssi.trainer.class.weight", "class", "emu"), "the plain loss weighs every class 1");
        assertEquals(0.0, counter(r, "ssi.trainer.dead.letters", "reason", "non-finite"));
    }

    @Test
    void readTheNewestStatusOnceTheSnapshotHasExpired() {
        AtomicReference<TrainerStatus> status = new AtomicReference<>(before());
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        ManualClock clock = ManualClock.atSomeDay();
        TrainerMetrics metrics =
                new TrainerMetrics(status::get, CLASSES, 100, List.of("non-finite", "unknown-label"), clock);
        metrics.bindTo(r);
        assertTrue(Double.isNaN(gauge(r, "ssi.trainer.loss")), "a first scrape takes the snapshot");
        status.set(later());
        // Within the snapshot's lifetime one scrape sees one state; a millisecond before it ends, still the old one.
        clock.advance(Duration.ofMillis(TrainerMetrics.SNAPSHOT_MILLIS - 1));
        assertTrue(Double.isNaN(gauge(r, "ssi.trainer.loss")), "the snapshot, not the newer status");
        clock.advance(Duration.ofMillis(1));
        assertEquals(0.42, gauge(r, "ssi.trainer.loss"));
        assertEquals(120, gauge(r, "ssi.trainer.step"));
        assertEquals(7680, counter(r, "ssi.trainer.samples"));
        assertEquals(0.25, gauge(r, "ssi.trainer.prequential.accuracy", "class", "emu"));
        assertEquals(0.85, gauge(r, "ssi.trainer.prequential.accuracy.overall"));
        assertEquals(1.8, gauge(r, "ssi.trainer.class.weight", "class", "emu"));
        assertEquals(1.0, gauge(r, "ssi.trainer.stage", "stage", "balance"));
        assertEquals(1.0, gauge(r, "ssi.trainer.weighted"));
        assertEquals(4, counter(r, "ssi.trainer.dead.letters", "reason", "non-finite"));
        assertEquals(3, counter(r, "ssi.trainer.checkpoints"));
        assertEquals(0.6, gauge(r, "ssi.trainer.test.accuracy", "group", "tail"));
        assertEquals(120, r.get("ssi.trainer.step.time").functionTimer().count());
        assertEquals(0.6, r.get("ssi.trainer.step.time").functionTimer().totalTime(TimeUnit.SECONDS), 1e-12);
        // Counts carry no unit: Prometheus would append it to the name (ssi_trainer_samples_samples_total).
        assertEquals(
                null, r.get("ssi.trainer.samples").functionCounter().getId().getBaseUnit());
        assertTrue(r.get("ssi.trainer.loss").gauge().getId().getDescription().contains("loss"));
    }

    @Test
    void perClassMetersStopAtTheConfiguredLimit() {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        new TrainerMetrics(TrainerMetricsTest::before, CLASSES, 2, List.of()).bindTo(r);
        assertEquals(2, r.find("ssi.trainer.prequential.accuracy").gauges().size());
        assertNull(r.find("ssi.trainer.class.weight").tag("class", "emu").gauge());
    }
}
