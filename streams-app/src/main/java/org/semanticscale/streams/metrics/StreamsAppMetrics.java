package org.semanticscale.streams.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.semanticscale.record.ScaleRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams-app's meters (Prometheus names in brackets):
 * <ul>
 *   <li>per class, tag {@code class}: window vectors ({@code ssi_window_vectors}), volume S'
 *       ({@code ssi_semantic_volume}), S'/max S' ({@code ssi_semantic_volume_normalized}), S
 *       ({@code ssi_semantic_scale}), DSB weight ({@code ssi_semantic_weight}), Class-Balanced weight
 *       ({@code ssi_class_balanced_weight}), underrepresented 0/1 ({@code ssi_class_underrepresented}),
 *       saturated 0/1 ({@code ssi_class_saturated}), saturation gain ({@code ssi_class_saturation_gain}), the
 *       class's own baseline S' ({@code ssi_class_volume_baseline}) and collapsed 0/1
 *       ({@code ssi_class_collapsed});</li>
 *   <li>{@code ssi_imbalance_ratio}: max S / min S; {@code ssi_scales_last_published_seconds}: when scales
 *       were last computed (epoch seconds), for staleness alerts;</li>
 *   <li>counters: alert transitions by {@code state} (UNDERREPRESENTED, COLLAPSED, RECOVERED), dead letters by {@code reason}, late records,
 *       records processed;</li>
 *   <li>{@code ssi_scale_publish_latency_seconds}: a record's arrival to its class's scale being published.</li>
 * </ul>
 * Class tags are bounded by {@code metrics.max-class-tags}; classes beyond it are counted in
 * {@code ssi_metrics_classes_dropped} and logged once. A value not yet known reads NaN.
 */
public final class StreamsAppMetrics implements MeterBinder {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsAppMetrics.class);

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

    private final int maxClasses;
    private final Map<String, ClassFigures> classes = new ConcurrentHashMap<>();
    private final AtomicLong droppedClasses = new AtomicLong();
    private volatile double imbalanceRatio = Double.NaN;
    private volatile double lastPublishedSeconds = Double.NaN;
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private volatile MeterRegistry registry;

    public StreamsAppMetrics(int maxClasses) {
        this.maxClasses = maxClasses;
    }

    @Override
    public void bindTo(MeterRegistry r) {
        this.registry = r;
        Gauge.builder("ssi.imbalance.ratio", this, m -> m.imbalanceRatio)
                .description("Largest semantic scale S divided by the smallest, over classes with a scale")
                .register(r);
        Gauge.builder("ssi.scales.last.published", this, m -> m.lastPublishedSeconds)
                .description("Wall-clock time of the last scale computation, epoch seconds")
                .baseUnit("seconds")
                .register(r);
        io.micrometer.core.instrument.FunctionCounter.builder("ssi.records.processed", processed, AtomicLong::get)
                .description("Feature vectors that reached the class window stage")
                .register(r);
        io.micrometer.core.instrument.FunctionCounter.builder("ssi.records.late", late, AtomicLong::get)
                .description("Vectors older than the window span when they arrived: counted, not used")
                .register(r);
        io.micrometer.core.instrument.FunctionCounter.builder(
                        "ssi.metrics.classes.dropped", droppedClasses, AtomicLong::get)
                .description("Classes left without per-class meters because metrics.max-class-tags was reached")
                .register(r);
        classes.forEach((label, f) -> registerClass(r, label, f));
        // Every reason and alert state from the start, at 0: rules and dashboards then see the
        // series before the first event, and increase() counts the first one.
        for (org.semanticscale.record.RecordFormatException.Reason reason :
                org.semanticscale.record.RecordFormatException.Reason.values()) {
            deadLetterCounter(r, reason.code());
        }
        deadLetterCounter(r, org.semanticscale.streams.deadletter.DeadLetterReasons.WRONG_DIMENSION);
        deadLetterCounter(r, org.semanticscale.streams.deadletter.DeadLetterReasons.LABEL_MISMATCH);
        alertCounter(r, org.semanticscale.streams.alert.AlertRecord.UNDERREPRESENTED);
        alertCounter(r, org.semanticscale.streams.alert.AlertRecord.COLLAPSED);
        alertCounter(r, org.semanticscale.streams.alert.AlertRecord.RECOVERED);
        latencyTimer(r);
    }

    private static Counter deadLetterCounter(MeterRegistry r, String reason) {
        return Counter.builder("ssi.dead.letters")
                .description("Records refused and written to the dead-letter topic")
                .tag("reason", reason)
                .register(r);
    }

    private static Counter alertCounter(MeterRegistry r, String state) {
        return Counter.builder("ssi.alerts")
                .description("Alert transitions published")
                .tag("state", state)
                .register(r);
    }

    private static Timer latencyTimer(MeterRegistry r) {
        return Timer.builder("ssi.scale.publish.latency")
                .description("From a vector's arrival to its class's scale being published")
                .publishPercentiles(0.5, 0.99)
                .register(r);
    }

    public void recordProcessed() {
        processed.incrementAndGet();
    }

    public void lateRecord() {
        late.incrementAndGet();
    }

    public void deadLetter(String reason) {
        MeterRegistry r = registry;
        if (r != null) {
            deadLetterCounter(r, reason).increment();
        }
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
            if (droppedClasses.incrementAndGet() == 1) {
                LOG.warn(
                        "more than {} classes: further classes get no per-class meters (raise metrics.max-class-tags)",
                        maxClasses);
            }
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

    private static void registerClass(MeterRegistry r, String label, ClassFigures f) {
        ClassGauges g = new ClassGauges(r, label, f);
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

    /** Registers the gauges of one class, each tagged with its label and reading its figures. */
    private record ClassGauges(MeterRegistry registry, String label, ClassFigures figures) {
        void add(String name, java.util.function.ToDoubleFunction<ClassFigures> value, String description) {
            Gauge.builder(name, figures, value)
                    .tag("class", label)
                    .description(description)
                    .register(registry);
        }
    }
}
