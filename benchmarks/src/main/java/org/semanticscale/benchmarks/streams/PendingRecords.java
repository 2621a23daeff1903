package org.semanticscale.benchmarks.streams;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.scaletopic.ScaleSnapshot;

/**
 * Producer timestamps per class not yet covered by a published scale, and the latencies of those
 * that are. The send loop and the scales view's thread both use it.
 */
final class PendingRecords {
    private final Map<String, ArrayDeque<Long>> waiting = new HashMap<>();
    private final List<Long> latencies = new ArrayList<>();
    private long scaleUpdates;

    synchronized void produced(String label, long timestamp) {
        waiting.computeIfAbsent(label, k -> new ArrayDeque<>()).addLast(timestamp);
    }

    /** The changed classes' newest scales arrived at {@code arrival}: each covers the records up to its window's end. */
    synchronized void published(ScaleSnapshot snapshot, Set<String> labels, long arrival) {
        for (String label : labels) {
            ScaleRecord s = snapshot.get(label);
            if (s == null) {
                continue;
            }
            scaleUpdates++;
            ArrayDeque<Long> queue = waiting.get(label);
            while (queue != null && !queue.isEmpty() && queue.peekFirst() <= s.windowEnd()) {
                latencies.add(arrival - queue.pollFirst());
            }
        }
    }

    synchronized List<Long> latencies() {
        return new ArrayList<>(latencies);
    }

    synchronized long scaleUpdates() {
        return scaleUpdates;
    }
}
