package org.semanticscale.streams.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.streams.View;
import org.semanticscale.streams.alert.AlertRecord;

/**
 * The meters of one {@link View}, every one tagged {@code view} (see {@link StreamsAppMetrics} for the list):
 * what that view's window and scale processors report. At most {@code maxClasses} classes get per-class meters;
 * the others are counted by the app's {@link StreamsAppMetrics}.
 */
public final class ViewMetrics {
    /** Latest figures of one class, read by its gauges. */
    private static final class ClassFigures {
        volatile double windowVectors = Double.NaN;
        volatile double volume = Double.NaN;
        volatile double volumeNormalized = Double.NaN;
        volatile double scale = Double.NaN;
        volatile double weight = Double.NaN;
        volatile double classBalancedWeight = Double.NaN;
        volatile double underrepresented = Double.NaN;
        volatile double saturated = Double.NaN;
        volatile double saturationGain = Double.NaN;
        volatile double volumeBaseline = Double.NaN;
        volatile double collapsed = Double.NaN;
    }

    private final View view;
    private final int maxClasses;
    private final StreamsAppMetrics app;
    private final Map<String, ClassFigures> classes = new ConcurrentHashMap<>();
    private volatile double imbalanceRatio = Double.NaN;
    private volatile double lastPublishedSeconds = Double.NaN;
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private volatile MeterRegistry registry;

    ViewMetrics(View view, int maxClasses, StreamsAppMetrics app) {
        this.view = view;
        this.maxClasses = maxClasses;
        this.app = app;
    }

    void bindTo(MeterRegistry r) {
        this.registry = r;
        String tag = view.tag();
        Gauge.builder("ssi.imbalance.ratio", this, m -> m.imbalanceRatio)
                .description("Largest semantic scale S divided by the smallest, over classes with a scale")
                .tag("view", tag)
                .register(r);
        Gauge.builder("ssi.scales.last.published", this, m -> m.lastPublishedSeconds)
                .description("Wall-clock time of the last scale computation, epoch seconds")
                .baseUnit("seconds")
                .tag("view", tag)
                .register(r);
        FunctionCounter.builder("ssi.records.processed", processed, AtomicLong::get)
                .description("Vectors (features, or sketches of samples) that reached the class window stage")
                .tag("view", tag)
                .register(r);
        FunctionCounter.builder("ssi.records.late", late, AtomicLong::get)
                .description("Vectors older than the window span when they arrived: counted, not used")
                .tag("view", tag)
                .register(r);
        classes.forEach((label, f) -> registerClass(r, label, f));
        // Every alert state from the start, at 0: rules and dashboards then see the series before the first
        // event, and increase() counts the first one.
        alertCounter(r, AlertRecord.UNDERREPRESENTED);
        alertCounter(r, AlertRecord.COLLAPSED);
        alertCounter(r, AlertRecord.RECOVERED);
        latencyTimer(r);
    }

    private Counter alertCounter(MeterRegistry r, String state) {
        return Counter.builder("ssi.alerts")
                .description("Alert transitions published")
                .tag("state", state)
                .tag("view", view.tag())
                .register(r);
    }

    private Timer latencyTimer(MeterRegistry r) {
        return Timer.builder("ssi.scale.publish.latency")
                .description("From a vector's arrival to its class's scale being published")
                .publishPercentiles(0.5, 0.99)
                .tag("view", view.tag())
                .register(r);
    }

    public View view() {
        return view;
    }

    public void recordProcessed() {
        processed.incrementAndGet();
    }

    public void lateRecord() {
        late.incrementAndGet();
    }

    public void alert(String state) {
        MeterRegistry r = registry;
        if (r != null) {
            alertCounter(r, state).increment();
        }
    }

    public void publishLatency(long millis) {
        MeterRegistry r = registry;
        if (r != null) {
            latencyTimer(r).record(millis, TimeUnit.MILLISECONDS);
        }
    }

    /** After each scale computation: the imbalance ratio, and the time it happened. */
    public void scalesComputed(double ratio, long wallClockMillis) {
        imbalanceRatio = ratio;
        lastPublishedSeconds = wallClockMillis / 1000.0;
    }

    public void windowSize(String label, int n) {
        ClassFigures f = figures(label);
        if (f != null) {
            f.windowVectors = n;
        }
    }

    public void scale(ScaleRecord s) {
        ClassFigures f = figures(s.label());
        if (f == null) {
            return;
        }
        f.windowVectors = s.n();
        f.volume = s.volume();
        f.volumeNormalized = s.volumeNormalized();
        f.scale = s.scale();
        f.weight = s.weight();
        f.classBalancedWeight = s.classBalancedWeight();
        f.underrepresented = s.underrepresented() ? 1 : 0;
        f.saturated = s.saturated() ? 1 : 0;
        f.saturationGain = s.saturationGain();
        f.volumeBaseline = s.baselineVolume();
        f.collapsed = s.collapsed() ? 1 : 0;
    }

    /** Records processed so far (tests and the demo). */
    public long processed() {
        return processed.get();
    }

    /** Late records so far. */
    public long late() {
        return late.get();
    }

    private ClassFigures figures(String label) {
        ClassFigures f = classes.get(label);
        if (f != null) {
            return f;
        }
        if (classes.size() >= maxClasses) {
            app.classDropped(view);
            return null;
        }
        ClassFigures created = new ClassFigures();
        ClassFigures existing = classes.putIfAbsent(label, created);
        if (existing != null) {
            return existing;
        }
        MeterRegistry r = registry;
        if (r != null) {
            registerClass(r, label, created);
        }
        return created;
    }

    private void registerClass(MeterRegistry r, String label, ClassFigures f) {
        ClassGauges g = new ClassGauges(r, view.tag(), label, f);
        g.add("ssi.window.vectors", x -> x.windowVectors, "Vectors in the class's sliding window");
        g.add("ssi.semantic.volume", x -> x.volume, "Volume S' spanned by the class's window (bits)");
        g.add("ssi.semantic.volume.normalized", x -> x.volumeNormalized, "S' divided by the largest S' over classes");
        g.add("ssi.semantic.scale", x -> x.scale, "Semantic scale S = S'n * W");
        g.add("ssi.semantic.weight", x -> x.weight, "DSB loss weight from 1/S");
        g.add("ssi.class.balanced.weight", x -> x.classBalancedWeight, "Class-Balanced weight from the window count");
        g.add(
                "ssi.class.underrepresented",
                x -> x.underrepresented,
                "1 while the class is semantically underrepresented");
        g.add(
                "ssi.class.saturated",
                x -> x.saturated,
                "1 while more data of the class adds little volume (saturation gain below saturation.threshold)");
        g.add(
                "ssi.class.saturation.gain",
                x -> x.saturationGain,
                "(Vol(window) - Vol(half of it)) / Vol(window); NaN below four vectors");
        g.add(
                "ssi.class.volume.baseline",
                x -> x.volumeBaseline,
                "The class's own recent volume S': its median over alert.baseline (bits); NaN until established");
        g.add(
                "ssi.class.collapsed",
                x -> x.collapsed,
                "1 while the class's S' is more than alert.drop below its own baseline");
    }

    /** Registers the gauges of one class, each tagged with its view and label and reading its figures. */
    private record ClassGauges(MeterRegistry registry, String view, String label, ClassFigures figures) {
        void add(String name, ToDoubleFunction<ClassFigures> value, String description) {
            Gauge.builder(name, figures, value)
                    .tag("view", view)
                    .tag("class", label)
                    .description(description)
                    .register(registry);
        }
    }
}
