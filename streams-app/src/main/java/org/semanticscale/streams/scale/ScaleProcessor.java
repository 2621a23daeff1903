package org.semanticscale.streams.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.scale.CentreDistanceSums;
import org.semanticscale.scale.ClassScale;
import org.semanticscale.scale.ClassSummary;
import org.semanticscale.scale.Saturation;
import org.semanticscale.scale.SemanticScales;
import org.semanticscale.streams.View;
import org.semanticscale.streams.alert.AlertPolicy;
import org.semanticscale.streams.alert.AlertRecord;
import org.semanticscale.streams.alert.DropPolicy;
import org.semanticscale.streams.alert.VolumeHistory;
import org.semanticscale.streams.metrics.ViewMetrics;
import org.semanticscale.streams.window.ClassSummaryMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage B (docs/decisions.md, 'The streams-app's two stages') of one view, one task for all its classes: keeps the latest
 * summary of every class and, at most every {@code scale.publish-interval} when something changed, turns them
 * into semantic scales, weights, Class-Balanced weights, saturation and alert states. Publishes each class's
 * scale record when it differs from the last one published, and an alert on every transition of either cause:
 * UNDERREPRESENTED / RECOVERED (S / max S) and COLLAPSED / RECOVERED (S' against the class's own baseline,
 * whose history is fed at these publishes and frozen while the class is collapsed).
 */
public final class ScaleProcessor implements Processor<String, ClassSummaryMessage, String, ScaleOutput> {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HISTORY_SUFFIX = "\u0000own-volume-history";

    private final String storeName;
    private final SemanticScales scales;
    private final AlertPolicy alerts;
    private final DropPolicy drops;
    private final Saturation saturation;
    private final PublishPolicy publishing;
    private final long windowSpanMillis;
    private final ViewMetrics metrics;
    private final View view;

    private ProcessorContext<String, ScaleOutput> context;
    private KeyValueStore<String, byte[]> store;
    private final Map<String, ClassState> states = new TreeMap<>();
    /**
     * The centre-distance sums from the last publish: a publish pays O(changed x C x d) for the distance term,
     * not O(C^2 d). Empty after a restart, so the first publish after {@link #restoreOnce} builds them from the
     * restored states; what it holds follows from the summaries given, not from the order they came in.
     */
    private final CentreDistanceSums distances = new CentreDistanceSums();
    /** Each class's own-volume history, stored beside its state under {@link #historyKey}. */
    private final Map<String, VolumeHistory> histories = new HashMap<>();

    private final Map<String, ScaleRecord> lastPublished = new HashMap<>();
    /** Per class, wall-clock ms of the oldest arrival waiting to be published (for the latency metric). */
    private final Map<String, Long> pendingSince = new HashMap<>();

    private boolean changed;
    /** A record differed from the published one but stayed within the tolerance: publish it when the stream settles. */
    private boolean heldBack;
    /** Scale records sent by the publish under way (for the metrics). */
    private int publishedRecords;

    private boolean restored;
    private final java.util.Set<String> warnedDimension = new java.util.HashSet<>();

    public ScaleProcessor(
            String storeName,
            SemanticScales scales,
            AlertPolicy alerts,
            DropPolicy drops,
            Saturation saturation,
            PublishPolicy publishing,
            Duration windowSpan,
            ViewMetrics metrics) {
        this.storeName = storeName;
        this.scales = scales;
        this.alerts = alerts;
        this.drops = drops;
        this.saturation = saturation;
        this.publishing = publishing;
        this.windowSpanMillis = windowSpan.toMillis();
        this.metrics = metrics;
        this.view = metrics.view();
    }

    @Override
    public void init(ProcessorContext<String, ScaleOutput> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        // Why a punctuator: one scale computation per interval however many summaries arrived, since
        // every class's S and weight depend on all the others.
        context.schedule(publishing.interval(), PunctuationType.WALL_CLOCK_TIME, this::publish);
        metrics.scaleTaskOpened();
    }

    /** The task leaves this instance (rebalance, shutdown): the view's stage B meters go with it. */
    @Override
    public void close() {
        metrics.scaleTaskClosed();
    }

    @Override
    public void process(Record<String, ClassSummaryMessage> record) {
        restoreOnce();
        ClassSummaryMessage s = record.value();
        ClassState previous = states.get(s.label());
        save(s.label(), previous == null ? ClassState.first(s) : previous.withSummary(s));
        if (s.pendingSinceMillis() >= 0) {
            pendingSince.merge(s.label(), s.pendingSinceMillis(), Math::min);
        }
        changed = true;
    }

    /**
     * Computes scales over every class and publishes what changed ({@link PublishPolicy}): when a summary came
     * since the last time, or, once none did, to publish exactly the records held back within the tolerance.
     */
    void publish(long wallClockMillis) {
        restoreOnce();
        boolean settling = !changed && heldBack;
        if ((!changed && !settling) || states.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        publishedRecords = 0;
        changed = false;
        heldBack = false;
        int dimension = majorityDimension();
        long silentBefore = silentBefore();
        List<ClassSummary> summaries = new ArrayList<>();
        for (ClassState st : states.values()) {
            ClassSummaryMessage s = st.summary();
            if (s.windowEnd() < silentBefore) {
                continue; // silent: see silentBefore()
            }
            if (s.dimension() == dimension) {
                summaries.add(new ClassSummary(s.label(), s.n(), s.volume(), s.mean()));
            } else if (warnedDimension.add(s.label())) {
                LOG.warn(
                        "{} view: class '{}' has dimension {} but most classes have {}: it gets no scale",
                        view.tag(),
                        s.label(),
                        s.dimension(),
                        dimension);
            }
        }
        List<ClassScale> computed = scales.compute(summaries, distances);
        double maxScale = Double.NaN;
        double minScale = Double.NaN;
        for (ClassScale c : computed) {
            if (c.hasScale()) {
                maxScale = Double.isNaN(maxScale) ? c.scale() : Math.max(maxScale, c.scale());
                minScale = Double.isNaN(minScale) ? c.scale() : Math.min(minScale, c.scale());
            }
        }
        // The scales come in the order of the states, less the classes of another dimension (no scale).
        int next = 0;
        for (ClassState st : new ArrayList<>(states.values())) {
            boolean silent = st.summary().windowEnd() < silentBefore;
            ClassScale c = !silent && st.summary().dimension() == dimension ? computed.get(next++) : null;
            publishClass(
                    st, silent ? st.summary().withoutVectors() : st.summary(), c, maxScale, wallClockMillis, settling);
        }
        metrics.scalesComputed(maxScale / minScale, wallClockMillis);
        metrics.published(System.nanoTime() - start, publishedRecords);
    }

    /**
     * @param s the class's summary as published: its latest, or one without vectors when the class is silent
     */
    private void publishClass(
            ClassState st, ClassSummaryMessage s, ClassScale c, double maxScale, long now, boolean settling) {
        String label = s.label();
        boolean hasScale = c != null && c.hasScale();
        double ratio = hasScale ? c.scale() / maxScale : Double.NaN;
        boolean everHadScale = st.everHadScale() || hasScale;
        boolean under = alerts.next(st.underrepresented(), ratio, everHadScale);
        // The class's own drop, on S' (no scale: the starving case, which the scale-ratio alert covers).
        VolumeHistory before = histories.getOrDefault(label, VolumeHistory.EMPTY);
        double baseline = drops.baselineOf(before);
        boolean collapsed = drops.next(st.collapsed(), hasScale ? s.volume() : Double.NaN, baseline);
        if (under != st.underrepresented() || everHadScale != st.everHadScale() || collapsed != st.collapsed()) {
            save(label, new ClassState(st.summary(), everHadScale, under, collapsed));
        }
        // Frozen while collapsed: a baseline that followed the class down would recover it falsely.
        if (!collapsed && hasScale) {
            VolumeHistory after = drops.observe(before, now, s.volume(), s.n());
            if (after != before) {
                saveHistory(label, after);
            }
        }
        if (under != st.underrepresented()) {
            publishAlert(
                    new Alerted(s, c, maxScale, ratio, before, now),
                    under ? AlertRecord.UNDERREPRESENTED : AlertRecord.RECOVERED,
                    AlertRecord.SCALE_RATIO,
                    alerts.threshold(),
                    alerts.recoverAbove(),
                    hasScale
                            ? String.format(Locale.ROOT, "S/max S = %.3f", ratio)
                            : s.n() == 0
                                    ? "no vector within window.span of the newest of any class"
                                    : "no scale (window below scale.min-samples)");
        }
        if (collapsed != st.collapsed()) {
            publishAlert(
                    new Alerted(s, c, maxScale, ratio, before, now),
                    collapsed ? AlertRecord.COLLAPSED : AlertRecord.RECOVERED,
                    AlertRecord.OWN_DROP,
                    drops.collapseBelow(baseline),
                    drops.recoverAt(baseline),
                    String.format(Locale.ROOT, "S' = %.4g against its baseline %.4g", s.volume(), baseline));
        }
        double nan = Double.NaN;
        double gain = Saturation.gain(s.volume(), s.halfVolume());
        ScaleRecord record = new ScaleRecord(
                label,
                s.n(),
                s.volume(),
                c == null ? nan : c.volumeNormalized(),
                c == null ? nan : c.distanceWeight(),
                c == null ? nan : c.scale(),
                c == null ? nan : c.weight(),
                c == null ? nan : c.classBalancedWeight(),
                saturation.saturated(gain),
                under,
                s.maxModelVersion(),
                s.windowStart(),
                s.windowEnd(),
                baseline,
                collapsed,
                gain);
        metrics.scale(record);
        ScaleRecord last = lastPublished.get(label);
        if (publishing.due(last, record, settling)) {
            lastPublished.put(label, record);
            context.forward(new Record<>(label, new ScaleOutput.Scale(record), now));
            publishedRecords++;
        } else if (!record.equals(last)) {
            heldBack = true;
        }
        Long since = pendingSince.remove(label);
        if (since != null) {
            metrics.publishLatency(Math.max(0, now - since));
        }
    }

    /** What every alert of one class at one publish reports, whichever its cause: its history as judged against. */
    private record Alerted(
            ClassSummaryMessage summary,
            ClassScale scale,
            double maxScale,
            double ratio,
            VolumeHistory history,
            long time) {}

    private void publishAlert(
            Alerted f, String state, String cause, double threshold, double recoverAbove, String figure) {
        ClassSummaryMessage s = f.summary();
        boolean hasScale = f.scale() != null && f.scale().hasScale();
        AlertRecord alert = new AlertRecord(
                s.label(),
                view.tag(),
                state,
                cause,
                hasScale ? f.scale().scale() : Double.NaN,
                f.maxScale(),
                f.ratio(),
                threshold,
                recoverAbove,
                s.n(),
                s.volume(),
                drops.baselineOf(f.history()),
                drops.baselineNOf(f.history()),
                f.time());
        LOG.info(
                "{} view: class '{}' {} ({}): {} (threshold {}, recovers above {}), {} vectors in its window (baseline {})",
                view.tag(),
                s.label(),
                state,
                cause,
                figure,
                String.format(Locale.ROOT, "%.4g", threshold),
                String.format(Locale.ROOT, "%.4g", recoverAbove),
                s.n(),
                drops.baselineNOf(f.history()));
        metrics.alert(state);
        context.forward(new Record<>(s.label(), new ScaleOutput.Alert(alert), f.time()));
    }

    /** Loads every class's state from the store on first use (restored from the changelog by then). */
    private void restoreOnce() {
        if (restored) {
            return;
        }
        restored = true;
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (kv.key.endsWith(HISTORY_SUFFIX)) {
                    histories.put(
                            kv.key.substring(0, kv.key.length() - HISTORY_SUFFIX.length()),
                            read(kv.value, VolumeHistory.class));
                } else {
                    states.put(kv.key, read(kv.value, ClassState.class));
                }
            }
        }
        // Publish everything once after a restart: the scales topic then reflects this instance's view.
        changed = !states.isEmpty();
    }

    /**
     * Classes whose newest vector is older than this (event time) are silent: no vector within {@code window.span}
     * of the newest vector of any class of the view. Stage A ages a window out against its own partition's time,
     * which stands still when a class is alone on its partition and stops sending (docs/decisions.md, 'A silent
     * class alone on its partition'); stage B sees every class, so it judges silence against all of them.
     */
    private long silentBefore() {
        long newest = Long.MIN_VALUE;
        for (ClassState st : states.values()) {
            newest = Math.max(newest, st.summary().windowEnd());
        }
        return newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - windowSpanMillis;
    }

    private int majorityDimension() {
        Map<Integer, Integer> counts = new HashMap<>();
        for (ClassState st : states.values()) {
            counts.merge(st.summary().dimension(), 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow()
                .getKey();
    }

    private void save(String label, ClassState state) {
        states.put(label, state);
        write(label, state);
    }

    private void saveHistory(String label, VolumeHistory history) {
        histories.put(label, history);
        write(historyKey(label), history);
    }

    /**
     * The store key of a class's own-volume history: its label and a suffix that starts with NUL, which no
     * label a producer types ends with (the window store's chunk keys use the same separator).
     */
    public static String historyKey(String label) {
        return label + HISTORY_SUFFIX;
    }

    private void write(String key, Object value) {
        try {
            store.put(key, JSON.writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the stage B record " + key, e);
        }
    }

    private static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName() + " in the store", e);
        }
    }

    /** The current state of a class (tests), or null. */
    ClassState state(String label) {
        return states.get(label);
    }
}
