package org.semanticscale.scaletopic;

import java.util.HashMap;
import java.util.Map;
import org.semanticscale.record.ScaleRecord;

/**
 * The newest scale record of every class read from {@code ssi.scales}, immutable.
 *
 * @param byLabel the newest record per class label
 * @param version how many changes this snapshot has seen (0 = nothing read yet)
 */
public record ScaleSnapshot(Map<String, ScaleRecord> byLabel, long version) {
    public static final ScaleSnapshot EMPTY = new ScaleSnapshot(Map.of(), 0);

    public ScaleSnapshot {
        byLabel = Map.copyOf(byLabel);
    }

    /** A snapshot with the given records put and labels removed (tombstones). */
    public ScaleSnapshot with(Map<String, ScaleRecord> put, Iterable<String> removed) {
        Map<String, ScaleRecord> next = new HashMap<>(byLabel);
        next.putAll(put);
        removed.forEach(next::remove);
        return new ScaleSnapshot(next, version + 1);
    }

    public ScaleRecord get(String label) {
        return byLabel.get(label);
    }
}
