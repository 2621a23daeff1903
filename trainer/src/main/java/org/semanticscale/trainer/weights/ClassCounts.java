package org.semanticscale.trainer.weights;

import java.util.concurrent.atomic.AtomicLongArray;

/** Samples trained per class: the n_i of the Class-Balanced weights, LDAM's margins and balanced softmax's prior. */
public final class ClassCounts {
    private final AtomicLongArray counts;

    public ClassCounts(int classes) {
        this.counts = new AtomicLongArray(classes);
    }

    public void add(int classIndex) {
        counts.incrementAndGet(classIndex);
    }

    /** Sets every count (restoring a checkpoint). */
    public void set(long[] values) {
        if (values.length != counts.length()) {
            throw new IllegalArgumentException(values.length + " counts for " + counts.length() + " classes");
        }
        for (int i = 0; i < values.length; i++) {
            counts.set(i, values[i]);
        }
    }

    /** A copy of the counts. */
    public long[] snapshot() {
        long[] out = new long[counts.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.get(i);
        }
        return out;
    }
}
