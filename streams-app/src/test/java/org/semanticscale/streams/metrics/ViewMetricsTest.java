package org.semanticscale.streams.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.streams.View;
import org.semanticscale.streams.alert.AlertRecord;

/** Which classes have per-class meters, and that meters leave the registry with their class or their task. */
class ViewMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StreamsAppMetrics app = new StreamsAppMetrics(2);
    private final ViewMetrics model = app.view(View.MODEL);

    ViewMetricsTest() {
        app.bindTo(registry);
    }

    private static ScaleRecord scale(String label, double s, boolean underrepresented, boolean collapsed) {
        double nan = Double.NaN;
        return new ScaleRecord(
                label, 10, 1.0, 0.5, 1.0, s, 1.0 / s, 1.0, false, underrepresented, 0, 0, 1, nan, collapsed, nan);
    }

    private Gauge gauge(String name, String label) {
        return registry.find(name).tags("view", "model", "class", label).gauge();
    }

    private double value(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    private void compute(ScaleRecord... records) {
        for (ScaleRecord r : records) {
            model.scale(r);
        }
        model.scalesComputed(4.0, 1_000);
    }

    @Test
    void shouldTimeEachPublishAndCountItsRecordsOnStageBsOwnerOnly() {
        model.published(5_000_000, 7);
        assertNull(registry.find("ssi.scales.publish").timer(), "no stage B task here yet");

        model.scaleTaskOpened();
        model.published(5_000_000, 7);
        model.published(15_000_000, 3);
        assertEquals(
                2,
                registry.get("ssi.scales.publish").tags("view", "model").timer().count());
        assertEquals(
                20.0, registry.get("ssi.scales.publish").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS));
        assertEquals(
                10.0,
                registry.get("ssi.scales.records")
                        .tags("view", "model")
                        .counter()
                        .count());

        model.scaleTaskClosed();
        assertNull(registry.find("ssi.scales.records").counter(), "gone with the task");
    }

    @Test
    void shouldGiveGaugesToTheClassesWithTheSmallestScaleAndRemoveThoseThatLeave() {
        model.scaleTaskOpened();

        compute(scale("Bag", 4, false, false), scale("Coat", 1, false, false), scale("Shirt", 2, false, false));

        assertEquals(Set.of("Coat", "Shirt"), model.scaleGauges());
        assertEquals(2.0, gauge("ssi.semantic.scale", "Shirt").value());
        assertNull(gauge("ssi.semantic.scale", "Bag"), "Bag has the largest S");
        assertEquals(1.0, value("ssi.classes.untracked", "view", "model", "stage", "scale"));

        // Shirt grows past Bag: at the next computation Bag comes in, and Shirt's series goes (no stale value).
        compute(scale("Bag", 4, false, false), scale("Coat", 1, false, false), scale("Shirt", 8, false, false));

        assertEquals(Set.of("Bag", "Coat"), model.scaleGauges());
        assertNull(gauge("ssi.semantic.scale", "Shirt"));
        assertNull(gauge("ssi.class.underrepresented", "Shirt"));
        assertEquals(4.0, gauge("ssi.semantic.scale", "Bag").value());
    }

    @Test
    void shouldPutAlertingClassesFirstAndStarvingOnesBeforeThem() {
        model.scaleTaskOpened();

        // Trouser starves (no scale, underrepresented), Coat collapsed with a large S; Shirt has the smallest S
        // and no alert, Sandal has neither scale nor alert (still filling its window).
        compute(
                scale("Shirt", 1, false, false),
                scale("Coat", 9, false, true),
                scale("Trouser", Double.NaN, true, false),
                scale("Sandal", Double.NaN, false, false));

        assertEquals(Set.of("Trouser", "Coat"), model.scaleGauges());
        assertEquals(1.0, gauge("ssi.class.underrepresented", "Trouser").value());
        assertEquals(1.0, gauge("ssi.class.collapsed", "Coat").value());
        assertEquals(
                List.of("Trouser", "Coat", "Shirt", "Sandal"),
                List.of("Shirt", "Coat", "Trouser", "Sandal").stream()
                        .sorted((a, b) -> ScaleMeters.MOST_URGENT_FIRST.compare(entry(a), entry(b)))
                        .toList());
    }

    private static java.util.Map.Entry<String, ScaleMeters.Figures> entry(String label) {
        ScaleMeters.Figures f = new ScaleMeters.Figures();
        switch (label) {
            case "Shirt" -> set(f, 1, 0, 0);
            case "Coat" -> set(f, 9, 0, 1);
            case "Trouser" -> set(f, Double.NaN, 1, 0);
            default -> set(f, Double.NaN, 0, 0);
        }
        return java.util.Map.entry(label, f);
    }

    private static void set(ScaleMeters.Figures f, double s, double under, double collapsed) {
        f.scale = s;
        f.underrepresented = under;
        f.collapsed = collapsed;
    }

    @Test
    void shouldRemoveEveryStageBMeterWhenTheScaleTaskClosesAndMarkTheOwner() {
        model.scaleTaskOpened();
        compute(scale("Coat", 1, true, false));
        model.alert(AlertRecord.UNDERREPRESENTED);
        assertEquals(1.0, value("ssi.stage.b.owner", "view", "model"));
        assertEquals(4.0, value("ssi.imbalance.ratio", "view", "model"));
        assertEquals(
                1.0,
                registry.get("ssi.alerts")
                        .tags("view", "model", "state", AlertRecord.UNDERREPRESENTED)
                        .counter()
                        .count());

        model.scaleTaskClosed();

        assertEquals(0.0, value("ssi.stage.b.owner", "view", "model"), "the gauge stays, at 0");
        assertNull(gauge("ssi.semantic.scale", "Coat"));
        assertNull(registry.find("ssi.imbalance.ratio").tags("view", "model").gauge());
        assertNull(
                registry.find("ssi.scales.last.published").tags("view", "model").gauge());
        assertNull(registry.find("ssi.alerts").tags("view", "model").counter());
        assertNull(
                registry.find("ssi.scale.publish.latency").tags("view", "model").timer());
        assertNull(registry.find("ssi.classes.untracked").tags("stage", "scale").gauge());
        model.alert(AlertRecord.UNDERREPRESENTED);
        assertNull(registry.find("ssi.alerts").counter(), "a closed stage B counts nothing here");

        // Back on this instance: counters start again at 0.
        model.scaleTaskOpened();
        assertEquals(
                0.0,
                registry.get("ssi.alerts")
                        .tags("view", "model", "state", AlertRecord.UNDERREPRESENTED)
                        .counter()
                        .count());
        assertEquals(Double.NaN, value("ssi.imbalance.ratio", "view", "model"));
    }

    @Test
    void shouldShowTheWindowsWithTheFewestVectorsAndDropAClosedTasksClasses() {
        model.windowTaskOpened();
        model.windowTaskOpened();
        model.windowSize("Bag", 500);
        model.windowSize("Coat", 3);
        model.windowSize("Shirt", 40);
        model.windowsSummarized();

        assertEquals(Set.of("Coat", "Shirt"), model.windowGauges());
        assertEquals(3.0, gauge("ssi.window.vectors", "Coat").value());
        assertEquals(1.0, value("ssi.classes.untracked", "view", "model", "stage", "window"));
        assertEquals(2.0, value("ssi.window.tasks", "view", "model"));

        // The task holding Coat moves to another instance: Coat's gauge goes now, Bag takes its place at the
        // next summary.
        model.windowTaskClosed(List.of("Coat"));
        assertNull(gauge("ssi.window.vectors", "Coat"));
        model.windowsSummarized();

        assertEquals(Set.of("Bag", "Shirt"), model.windowGauges());
        assertNotNull(gauge("ssi.window.vectors", "Bag"));
        assertEquals(0.0, value("ssi.classes.untracked", "view", "model", "stage", "window"));
        assertEquals(1.0, value("ssi.window.tasks", "view", "model"));
    }

    @Test
    void anIdleInstanceShowsNoTaskAndNoStageBMeters() {
        assertEquals(0.0, value("ssi.window.tasks", "view", "model"));
        assertEquals(0.0, value("ssi.stage.b.owner", "view", "model"));
        assertNull(registry.find("ssi.imbalance.ratio").gauge());
        assertNull(registry.find("ssi.window.vectors").gauge());
    }
}
