package org.semanticscale.streams.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.streams.View;

/**
 * The meters of one {@link View}, every one tagged {@code view} (see {@link StreamsAppMetrics} for the list): what
 * that view's window (stage A, {@link WindowMeters}) and scale (stage B, {@link ScaleMeters}) processors report on
 * this instance. Each processor tells when its task opens and closes here, so that with several instances a class's
 * series come from the one instance whose task holds it now.
 */
public final class ViewMetrics {
    private final View view;
    private final WindowMeters windows;
    private final ScaleMeters scales;
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private volatile MeterRegistry registry;

    ViewMetrics(View view, int maxClasses) {
        this.view = view;
        this.windows = new WindowMeters(view.tag(), maxClasses);
        this.scales = new ScaleMeters(view.tag(), maxClasses);
    }

    void bindTo(MeterRegistry r) {
        this.registry = r;
        String tag = view.tag();
        FunctionCounter.builder("ssi.records.processed", processed, AtomicLong::get)
                .description("Vectors (features, or sketches of samples) that reached the class window stage")
                .tag("view", tag)
                .register(r);
        FunctionCounter.builder("ssi.records.late", late, AtomicLong::get)
                .description("Vectors older than the window span when they arrived: counted, not used")
                .tag("view", tag)
                .register(r);
        Gauge.builder("ssi.window.tasks", windows, WindowMeters::tasks)
                .description("Window (stage A) tasks of the view running on this instance; 0 on an idle instance")
                .tag("view", tag)
                .register(r);
        Gauge.builder("ssi.classes.untracked", windows, WindowMeters::untracked)
                .description("This instance's classes without a window gauge (metrics.max-classes)")
                .tag("view", tag)
                .tag("stage", "window")
                .register(r);
        Gauge.builder("ssi.stage.b.owner", scales, s -> s.owned() ? 1 : 0)
                .description("1 on the instance running the view's scale computation (stage B), 0 elsewhere")
                .tag("view", tag)
                .register(r);
        scales.bindTo(r);
    }

    public View view() {
        return view;
    }

    /** A window (stage A) task of this view started on this instance. */
    public void windowTaskOpened() {
        windows.taskOpened();
    }

    /** A window task closed here (rebalance, shutdown): the gauges of the classes it held go. */
    public void windowTaskClosed(Collection<String> labels) {
        windows.taskClosed(registry, labels);
    }

    /** A window task sent its summaries: re-choose which of this instance's classes have a window gauge. */
    public void windowsSummarized() {
        windows.choose(registry);
    }

    /** The scale (stage B) task of this view started on this instance. */
    public void scaleTaskOpened() {
        scales.open(registry);
    }

    /** The scale task closed here: every stage B meter of the view goes with it. */
    public void scaleTaskClosed() {
        scales.close(registry);
    }

    public void recordProcessed() {
        processed.incrementAndGet();
    }

    public void lateRecord() {
        late.incrementAndGet();
    }

    public void alert(String state) {
        scales.alert(registry, state);
    }

    public void publishLatency(long millis) {
        scales.publishLatency(registry, millis);
    }

    /** One publish of stage B: how long it took (scales, alerts and records of every class) and the records it sent. */
    public void published(long nanos, int records) {
        scales.published(registry, nanos, records);
    }

    /** After each scale computation: the imbalance ratio, the time it happened, and which classes have gauges. */
    public void scalesComputed(double ratio, long wallClockMillis) {
        scales.computed(registry, ratio, wallClockMillis);
    }

    public void windowSize(String label, int n) {
        windows.size(label, n);
    }

    /** A class's figures from stage B; every class counts for the choice of which ones have gauges. */
    public void scale(ScaleRecord s) {
        scales.scale(s);
    }

    /** Records processed so far (tests and the demo). */
    public long processed() {
        return processed.get();
    }

    /** Late records so far. */
    public long late() {
        return late.get();
    }

    /** Classes with window gauges on this instance (tests). */
    Set<String> windowGauges() {
        return windows.shown();
    }

    /** Classes with scale gauges on this instance (tests). */
    Set<String> scaleGauges() {
        return scales.shown();
    }
}
