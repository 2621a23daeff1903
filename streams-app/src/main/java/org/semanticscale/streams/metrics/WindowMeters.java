package org.semanticscale.streams.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stage A's per-class gauge ({@code ssi_window_vectors}) of one view on this instance: only for the classes whose
 * window task runs here (a task that closes, on a rebalance or a shutdown, takes its classes' gauges with it), and
 * for at most {@code maxClasses} of them: those with the fewest vectors in their window (a starving class first; ties
 * by label), re-chosen each time a task sends its summaries. Stage A has no scales, so it cannot rank by S / max S
 * as stage B does.
 */
final class WindowMeters {
    /** The latest window size of one class. */
    static final class Figures {
        volatile double vectors = Double.NaN;
    }

    private static final Comparator<Map.Entry<String, Figures>> FEWEST_VECTORS_FIRST =
            Comparator.<Map.Entry<String, Figures>>comparingDouble(e -> e.getValue().vectors)
                    .thenComparing(Map.Entry::getKey);

    private final int maxClasses;
    /** Every class of this view whose window task runs on this instance. */
    private final Map<String, Figures> local = new ConcurrentHashMap<>();

    private final ClassMeters<Figures> meters;
    private final AtomicInteger tasks = new AtomicInteger();

    WindowMeters(String view, int maxClasses) {
        this.maxClasses = maxClasses;
        this.meters = new ClassMeters<>(
                view,
                List.of(new ClassMeters.Spec<>(
                        "ssi.window.vectors", f -> f.vectors, "Vectors in the class's sliding window")));
    }

    /** On the hot path: one map look-up and one write. */
    void size(String label, int n) {
        Figures f = local.get(label);
        if (f == null) {
            f = local.computeIfAbsent(label, l -> new Figures());
        }
        f.vectors = n;
    }

    void taskOpened() {
        tasks.incrementAndGet();
    }

    /** A window task closed: its classes are no longer this instance's. */
    synchronized void taskClosed(MeterRegistry registry, Collection<String> labels) {
        tasks.decrementAndGet();
        labels.forEach(local::remove);
        if (registry != null) {
            meters.hide(registry, labels);
        }
    }

    /** Re-chooses which local classes have a gauge (under the lock a closing task takes, so none comes back). */
    synchronized void choose(MeterRegistry registry) {
        if (registry == null) {
            return;
        }
        meters.showFirst(registry, local, FEWEST_VECTORS_FIRST, maxClasses);
    }

    int tasks() {
        return tasks.get();
    }

    /** Classes of this instance without a gauge. */
    int untracked() {
        return Math.max(0, local.size() - meters.size());
    }

    java.util.Set<String> shown() {
        return meters.shown();
    }
}
