package org.semanticscale.streams.window;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.streams.deadletter.DeadLetter;
import org.semanticscale.streams.deadletter.DeadLetterReasons;
import org.semanticscale.streams.ingest.Ingested;
import org.semanticscale.streams.ingest.SourceHeaders;
import org.semanticscale.streams.metrics.ViewMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage A (docs/decisions.md, 'The streams-app's two stages') of one view, partitioned by class: keeps each class's
 * sliding window over event time ({@code window.span}, against the newest timestamp seen by this task) capped
 * at {@code window.max-per-class} vectors, oldest out first. The store is the source of truth; the in-memory
 * windows are rebuilt from it when the task starts, after a restart or a rebalance.
 */
public final class ClassWindowProcessor implements Processor<String, Ingested.Accepted, String, WindowOutput> {
    private static final Logger LOG = LoggerFactory.getLogger(ClassWindowProcessor.class);

    private final String storeName;
    private final long spanMillis;
    private final int capacity;
    private final Duration interval;
    private final ViewMetrics metrics;

    private ProcessorContext<String, WindowOutput> context;
    private KeyValueStore<String, byte[]> store;
    private final Map<String, ClassWindow> windows = new HashMap<>();
    /** Newest event time this task has seen: the windows' reference clock. */
    private long streamTime = Long.MIN_VALUE;

    private boolean restored;

    public ClassWindowProcessor(String storeName, Duration span, int capacity, Duration interval, ViewMetrics metrics) {
        this.storeName = storeName;
        this.spanMillis = span.toMillis();
        this.capacity = capacity;
        this.interval = interval;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, WindowOutput> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        // Why a wall-clock punctuator: summaries go out at most once per interval per changed class,
        // and a class that stops receiving data still has its window aged out and re-summarised.
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::emitSummaries);
        metrics.windowTaskOpened();
    }

    /** The task leaves this instance (rebalance, shutdown): its classes' gauges go with it. */
    @Override
    public void close() {
        metrics.windowTaskClosed(windows.keySet());
    }

    @Override
    public void process(Record<String, Ingested.Accepted> record) {
        restoreOnce();
        FeatureVector v = record.value().vector();
        long ts = record.timestamp();
        metrics.recordProcessed();
        if (streamTime != Long.MIN_VALUE && ts < streamTime - spanMillis) {
            metrics.lateRecord();
            return;
        }
        ClassWindow w = windows.get(v.label());
        if (w != null && w.dimension() != v.dimension()) {
            refuse(
                    record,
                    DeadLetterReasons.WRONG_DIMENSION,
                    "dimension " + v.dimension() + ", class '" + v.label() + "' has " + w.dimension());
            return;
        }
        if (w == null) {
            w = ClassWindow.create(v.label(), v.dimension(), capacity, store);
            windows.put(v.label(), w);
        }
        streamTime = Math.max(streamTime, ts);
        long now = context.currentSystemTimeMs();
        w.add(ts, v.values(), v.modelVersion(), streamTime - spanMillis, now);
        metrics.windowSize(v.label(), w.size());
    }

    /** Ages every window against stream time and sends a summary of each class that changed. */
    void emitSummaries(long wallClockMillis) {
        restoreOnce();
        for (ClassWindow w : windows.values()) {
            if (streamTime != Long.MIN_VALUE) {
                w.evictBefore(streamTime - spanMillis, wallClockMillis);
            }
            if (w.dirty()) {
                metrics.windowSize(w.label(), w.size());
                ClassSummaryMessage summary = w.summarize();
                context.forward(new Record<>(w.label(), new WindowOutput.Summary(summary), wallClockMillis));
            }
        }
        metrics.windowsSummarized();
    }

    private void refuse(Record<String, Ingested.Accepted> record, String reason, String detail) {
        SourceHeaders.Source src =
                SourceHeaders.of(record.headers(), context.recordMetadata().orElseThrow());
        byte[] key = record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DeadLetter d = new DeadLetter(
                key,
                BinaryRecords.encode(record.value().vector()),
                reason,
                detail,
                src.topic(),
                src.partition(),
                src.offset());
        context.forward(record.withKey("").withValue(new WindowOutput.Refused(d)));
    }

    /**
     * Rebuilds the in-memory windows from the store (the store is the truth; these are caches), on
     * first use after the task starts: by then Kafka Streams has restored the store from its changelog.
     */
    private void restoreOnce() {
        if (restored) {
            return;
        }
        restored = true;
        Map<String, byte[]> metas = new HashMap<>();
        Map<String, TreeMap<Long, byte[]>> chunks = new HashMap<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                String label = WindowChunks.labelOf(kv.key);
                if (WindowChunks.isMeta(kv.key)) {
                    metas.put(label, kv.value);
                } else {
                    chunks.computeIfAbsent(label, l -> new TreeMap<>()).put(WindowChunks.seqOf(kv.key), kv.value);
                }
            }
        }
        for (var e : metas.entrySet()) {
            TreeMap<Long, byte[]> classChunks = chunks.getOrDefault(e.getKey(), new TreeMap<>());
            byte[] openChunk = classChunks.get(WindowChunks.openSeqOf(e.getValue()));
            ClassWindow w = ClassWindow.restore(
                    e.getKey(), WindowChunks.decodeMeta(e.getValue(), openChunk), classChunks, capacity, store);
            windows.put(e.getKey(), w);
            streamTime = Math.max(streamTime, w.newestTimestamp());
            metrics.windowSize(w.label(), w.size());
        }
        if (!windows.isEmpty()) {
            LOG.info(
                    "{} view, task {}: rebuilt {} class windows from the store",
                    metrics.view().tag(),
                    context.taskId(),
                    windows.size());
        }
    }

    /** The in-memory window of a class (tests), or null. */
    ClassWindow window(String label) {
        return windows.get(label);
    }
}
