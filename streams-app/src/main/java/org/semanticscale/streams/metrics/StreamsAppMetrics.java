package org.semanticscale.streams.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.semanticscale.record.RecordFormatException;
import org.semanticscale.streams.View;
import org.semanticscale.streams.deadletter.DeadLetterReasons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams-app's meters (Prometheus names in brackets). Per {@link View}, tag {@code view} ({@code model},
 * {@code input}), through {@link #view}:
 * <ul>
 *   <li>per class, tags {@code view} and {@code class}: window vectors ({@code ssi_window_vectors}), volume S'
 *       ({@code ssi_semantic_volume}), S'/max S' ({@code ssi_semantic_volume_normalized}), S
 *       ({@code ssi_semantic_scale}), DSB weight ({@code ssi_semantic_weight}), Class-Balanced weight
 *       ({@code ssi_class_balanced_weight}), underrepresented 0/1 ({@code ssi_class_underrepresented}),
 *       saturated 0/1 ({@code ssi_class_saturated}), saturation gain ({@code ssi_class_saturation_gain}), the
 *       class's own baseline S' ({@code ssi_class_volume_baseline}) and collapsed 0/1
 *       ({@code ssi_class_collapsed});</li>
 *   <li>{@code ssi_imbalance_ratio}: max S / min S; {@code ssi_scales_last_published_seconds}: when scales
 *       were last computed (epoch seconds), for staleness alerts;</li>
 *   <li>counters: alert transitions by {@code state} (UNDERREPRESENTED, COLLAPSED, RECOVERED)
 *       ({@code ssi_alerts_total}), records processed and late ({@code ssi_records_processed_total},
 *       {@code ssi_records_late_total});</li>
 *   <li>{@code ssi_scale_publish_latency_seconds}: a record's arrival to its class's scale being published.</li>
 * </ul>
 * For the whole app: dead letters by {@code reason} ({@code ssi_dead_letters_total}) and
 * {@code ssi_metrics_classes_dropped_total}. Class tags are bounded by {@code metrics.max-class-tags} per view;
 * classes beyond it are counted in {@code ssi_metrics_classes_dropped} and logged once per view. A value not yet
 * known reads NaN.
 */
public final class StreamsAppMetrics implements MeterBinder {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsAppMetrics.class);

    private final int maxClasses;
    private final Map<View, ViewMetrics> views = new EnumMap<>(View.class);
    private final AtomicLong droppedClasses = new AtomicLong();
    private final Map<View, AtomicLong> droppedByView = new EnumMap<>(View.class);
    private volatile MeterRegistry registry;

    public StreamsAppMetrics(int maxClasses) {
        this.maxClasses = maxClasses;
        for (View v : View.values()) {
            views.put(v, new ViewMetrics(v, maxClasses, this));
            droppedByView.put(v, new AtomicLong());
        }
    }

    /** The meters of one view. */
    public ViewMetrics view(View view) {
        return views.get(view);
    }

    @Override
    public void bindTo(MeterRegistry r) {
        this.registry = r;
        FunctionCounter.builder("ssi.metrics.classes.dropped", droppedClasses, AtomicLong::get)
                .description("Classes left without per-class meters because metrics.max-class-tags was reached")
                .register(r);
        views.values().forEach(v -> v.bindTo(r));
        // Every reason from the start, at 0: rules and dashboards then see the series before the first
        // event, and increase() counts the first one.
        for (RecordFormatException.Reason reason : RecordFormatException.Reason.values()) {
            deadLetterCounter(r, reason.code());
        }
        deadLetterCounter(r, DeadLetterReasons.WRONG_DIMENSION);
        deadLetterCounter(r, DeadLetterReasons.LABEL_MISMATCH);
    }

    private static Counter deadLetterCounter(MeterRegistry r, String reason) {
        return Counter.builder("ssi.dead.letters")
                .description("Records refused and written to the dead-letter topic")
                .tag("reason", reason)
                .register(r);
    }

    public void deadLetter(String reason) {
        MeterRegistry r = registry;
        if (r != null) {
            deadLetterCounter(r, reason).increment();
        }
    }

    /** A class of this view got no meters: the view already has {@code metrics.max-class-tags}. */
    void classDropped(View view) {
        droppedClasses.incrementAndGet();
        if (droppedByView.get(view).incrementAndGet() == 1) {
            LOG.warn(
                    "{} view: more than {} classes, further classes get no per-class meters (raise metrics.max-class-tags)",
                    view.tag(),
                    maxClasses);
        }
    }
}
