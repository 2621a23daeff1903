package org.semanticscale.streams.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.streams.alert.AlertRecord;

/**
 * Stage B's meters of one view. They exist only on the instance whose stage B task runs the view now, from
 * {@link #open} to {@link #close} (a rebalance moves the task, and its meters, to another instance): the per-class
 * scale gauges, {@code ssi_imbalance_ratio}, {@code ssi_scales_last_published_seconds}, {@code ssi_alerts_total},
 * {@code ssi_scale_publish_latency_seconds} and {@code ssi_classes_untracked{stage="scale"}}.
 *
 * <p>Per-class gauges for at most {@code maxClasses} classes, re-chosen at each scale computation, in this order:
 * classes in an alert state (underrepresented or collapsed) without a scale (starving: their window is below
 * scale.min-samples), then those in an alert state by S, then the other classes with a scale by S (the smallest
 * S / max S first), then classes with neither (still filling their first window); ties by label. So every alerting
 * class has gauges unless more than {@code maxClasses} alert at once. Every class is on ssi.scales regardless.
 */
final class ScaleMeters {
    /** The latest scale record of one class, as its gauges read it. */
    static final class Figures {
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

        /** 0 alerting without a scale, 1 alerting, 2 with a scale, 3 neither: the ranking's first key. */
        int group() {
            boolean alerting = underrepresented == 1 || collapsed == 1;
            boolean hasScale = !Double.isNaN(scale);
            return alerting ? (hasScale ? 1 : 0) : (hasScale ? 2 : 3);
        }
    }

    static final Comparator<Map.Entry<String, Figures>> MOST_URGENT_FIRST =
            Comparator.<Map.Entry<String, Figures>>comparingInt(
                            e -> e.getValue().group())
                    .thenComparingDouble(e -> e.getValue().scale)
                    .thenComparing(Map.Entry::getKey);

    private static final List<ClassMeters.Spec<Figures>> GAUGES = List.of(
            new ClassMeters.Spec<>(
                    "ssi.semantic.volume", f -> f.volume, "Volume S' spanned by the class's window (bits)"),
            new ClassMeters.Spec<>(
                    "ssi.semantic.volume.normalized",
                    f -> f.volumeNormalized,
                    "S' divided by the largest S' over classes"),
            new ClassMeters.Spec<>("ssi.semantic.scale", f -> f.scale, "Semantic scale S = S'n * W"),
            new ClassMeters.Spec<>("ssi.semantic.weight", f -> f.weight, "DSB loss weight from 1/S"),
            new ClassMeters.Spec<>(
                    "ssi.class.balanced.weight",
                    f -> f.classBalancedWeight,
                    "Class-Balanced weight from the window count"),
            new ClassMeters.Spec<>(
                    "ssi.class.underrepresented",
                    f -> f.underrepresented,
                    "1 while the class is semantically underrepresented"),
            new ClassMeters.Spec<>(
                    "ssi.class.saturated",
                    f -> f.saturated,
                    "1 while more data of the class adds little volume (saturation gain below saturation.threshold)"),
            new ClassMeters.Spec<>(
                    "ssi.class.saturation.gain",
                    f -> f.saturationGain,
                    "(Vol(window) - Vol(half of it)) / Vol(window); NaN below four vectors"),
            new ClassMeters.Spec<>(
                    "ssi.class.volume.baseline",
                    f -> f.volumeBaseline,
                    "The class's own recent volume S': its median over alert.baseline (bits); NaN until established"),
            new ClassMeters.Spec<>(
                    "ssi.class.collapsed",
                    f -> f.collapsed,
                    "1 while the class's S' is more than alert.drop below its own baseline"));

    private final String view;
    private final int maxClasses;
    /** Every class stage B reported since it opened here. */
    private final Map<String, Figures> classes = new ConcurrentHashMap<>();

    private final ClassMeters<Figures> meters;
    /** The view-wide meters of the owner, removed on close. */
    private final List<Meter> ownerMeters = new ArrayList<>();

    private volatile boolean owned;
    private volatile double imbalanceRatio = Double.NaN;
    private volatile double lastPublishedSeconds = Double.NaN;

    ScaleMeters(String view, int maxClasses) {
        this.view = view;
        this.maxClasses = maxClasses;
        this.meters = new ClassMeters<>(view, GAUGES);
    }

    /** Stage B of this view now runs here. */
    synchronized void open(MeterRegistry registry) {
        owned = true;
        if (registry != null) {
            registerOwnerMeters(registry);
        }
    }

    /** Stage B of this view stopped running here: every meter of it goes. */
    synchronized void close(MeterRegistry registry) {
        owned = false;
        if (registry != null) {
            meters.hideAll(registry);
            ownerMeters.forEach(registry::remove);
        }
        ownerMeters.clear();
        classes.clear();
        imbalanceRatio = Double.NaN;
        lastPublishedSeconds = Double.NaN;
    }

    /** The registry arrived after stage B opened (tests that bind late). */
    synchronized void bindTo(MeterRegistry registry) {
        if (owned && ownerMeters.isEmpty()) {
            registerOwnerMeters(registry);
        }
    }

    boolean owned() {
        return owned;
    }

    void scale(ScaleRecord s) {
        Figures f = classes.computeIfAbsent(s.label(), l -> new Figures());
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

    /** After each scale computation (every class's {@link #scale} first): view figures, and the classes shown. */
    synchronized void computed(MeterRegistry registry, double ratio, long wallClockMillis) {
        imbalanceRatio = ratio;
        lastPublishedSeconds = wallClockMillis / 1000.0;
        if (registry == null || !owned) {
            return;
        }
        meters.showFirst(registry, classes, MOST_URGENT_FIRST, maxClasses);
    }

    void alert(MeterRegistry registry, String state) {
        if (registry != null && owned) {
            alertCounter(registry, state).increment();
        }
    }

    void publishLatency(MeterRegistry registry, long millis) {
        if (registry != null && owned) {
            latencyTimer(registry).record(millis, TimeUnit.MILLISECONDS);
        }
    }

    void published(MeterRegistry registry, long nanos, int records) {
        if (registry != null && owned) {
            publishTimer(registry).record(nanos, TimeUnit.NANOSECONDS);
            recordsCounter(registry).increment(records);
        }
    }

    java.util.Set<String> shown() {
        return meters.shown();
    }

    private void registerOwnerMeters(MeterRegistry r) {
        ownerMeters.add(Gauge.builder("ssi.imbalance.ratio", this, m -> m.imbalanceRatio)
                .description("Largest semantic scale S divided by the smallest, over classes with a scale")
                .tag("view", view)
                .register(r));
        ownerMeters.add(Gauge.builder("ssi.scales.last.published", this, m -> m.lastPublishedSeconds)
                .description("Wall-clock time of the last scale computation, epoch seconds")
                .baseUnit("seconds")
                .tag("view", view)
                .register(r));
        ownerMeters.add(Gauge.builder("ssi.classes.untracked", this, m -> m.classes.size() - m.meters.size())
                .description("Classes without per-class meters (metrics.max-classes); all are on ssi.scales")
                .tag("view", view)
                .tag("stage", "scale")
                .register(r));
        // Every alert state from the start, at 0: rules and dashboards then see the series before the first
        // event, and increase() counts the first one.
        for (String state : List.of(AlertRecord.UNDERREPRESENTED, AlertRecord.COLLAPSED, AlertRecord.RECOVERED)) {
            ownerMeters.add(alertCounter(r, state));
        }
        ownerMeters.add(latencyTimer(r));
        ownerMeters.add(publishTimer(r));
        ownerMeters.add(recordsCounter(r));
    }

    private Counter alertCounter(MeterRegistry r, String state) {
        return Counter.builder("ssi.alerts")
                .description("Alert transitions published")
                .tag("state", state)
                .tag("view", view)
                .register(r);
    }

    private Timer publishTimer(MeterRegistry r) {
        return Timer.builder("ssi.scales.publish")
                .description("Stage B's time per publish: the scales, alerts and records of every class")
                .publishPercentiles(0.5, 0.99)
                .tag("view", view)
                .register(r);
    }

    private Counter recordsCounter(MeterRegistry r) {
        return Counter.builder("ssi.scales.records")
                .description("Scale records published (scale.publish-tolerance holds back the ones that barely moved)")
                .tag("view", view)
                .register(r);
    }

    private Timer latencyTimer(MeterRegistry r) {
        return Timer.builder("ssi.scale.publish.latency")
                .description("From a vector's arrival to its class's scale being published")
                .publishPercentiles(0.5, 0.99)
                .tag("view", view)
                .register(r);
    }
}
