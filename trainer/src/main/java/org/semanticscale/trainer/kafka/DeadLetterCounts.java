package org.semanticscale.trainer.kafka;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Records refused, by reason: what the {@code ssi.trainer.dead.letters} meter and the status report. */
public final class DeadLetterCounts {
    private final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();

    /** Counts one refusal and returns how many of this reason there have been. */
    public long increment(String reason) {
        LongAdder adder = byReason.computeIfAbsent(reason, r -> new LongAdder());
        adder.increment();
        return adder.sum();
    }

    /** Counts by reason, reasons in alphabetical order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        byReason.forEach((reason, adder) -> out.put(reason, adder.sum()));
        return out;
    }
}
