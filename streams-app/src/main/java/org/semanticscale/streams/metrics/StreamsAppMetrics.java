package org.semanticscale.streams.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.Map;
import org.semanticscale.record.RecordFormatException;
import org.semanticscale.streams.View;
import org.semanticscale.streams.deadletter.DeadLetterReasons;

/**
 * The streams-app's meters (Prometheus names in brackets). Per {@link View}, tag {@code view} ({@code model},
 * {@code input}), through {@link #view}:
 * <ul>
 *   <li>stage A (window), on the instance whose task holds the class now: window vectors per class, tags
 *       {@code view} and {@code class} ({@code ssi_window_vectors}), for at most {@code metrics.max-classes} of this
 *       instance's classes (the fewest vectors first); records processed and late ({@code ssi_records_processed_total},
 *       {@code ssi_records_late_total}); window tasks running here ({@code ssi_window_tasks});</li>
 *   <li>stage B (scale), only on the instance running it ({@code ssi_stage_b_owner} is 1 there, 0 elsewhere): per
 *       class volume S' ({@code ssi_semantic_volume}), S'/max S' ({@code ssi_semantic_volume_normalized}), S
 *       ({@code ssi_semantic_scale}), DSB weight ({@code ssi_semantic_weight}), Class-Balanced weight
 *       ({@code ssi_class_balanced_weight}), underrepresented 0/1 ({@code ssi_class_underrepresented}), saturated 0/1
 *       ({@code ssi_class_saturated}), saturation gain ({@code ssi_class_saturation_gain}), the class's own baseline
 *       S' ({@code ssi_class_volume_baseline}) and collapsed 0/1 ({@code ssi_class_collapsed}) for at most
 *       {@code metrics.max-classes} classes (the smallest S / max S first, {@link ScaleMeters}); max S / min S
 *       ({@code ssi_imbalance_ratio}); when scales were last computed ({@code ssi_scales_last_published_seconds}),
 *       alert transitions by {@code state} ({@code ssi_alerts_total}); a record's arrival to its class's scale being
 *       published ({@code ssi_scale_publish_latency_seconds});</li>
 *   <li>classes without per-class meters, by {@code stage} ({@code ssi_classes_untracked}).</li>
 * </ul>
 * For the whole app: dead letters by {@code reason} ({@code ssi_dead_letters_total}). A value not yet known reads
 * NaN. Every class is on ssi.scales whether or not it has meters.
 */
public final class StreamsAppMetrics implements MeterBinder {
    private final Map<View, ViewMetrics> views = new EnumMap<>(View.class);
    private volatile MeterRegistry registry;

    public StreamsAppMetrics(int maxClasses) {
        for (View v : View.values()) {
            views.put(v, new ViewMetrics(v, maxClasses));
        }
    }

    /** The meters of one view. */
    public ViewMetrics view(View view) {
        return views.get(view);
    }

    @Override
    public void bindTo(MeterRegistry r) {
        this.registry = r;
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
}
