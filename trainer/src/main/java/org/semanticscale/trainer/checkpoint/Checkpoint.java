package org.semanticscale.trainer.checkpoint;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where training stood when a checkpoint was written, besides the model and optimizer files.
 *
 * @param step           training steps taken
 * @param samplesTrained samples trained (the stage schedule's clock)
 * @param stage          the stage's name (FILL, REFRESH, BALANCE)
 * @param ledger         which samples were trained, see {@link TrainedLedger}
 * @param source         the log the offsets belong to: topic and cluster
 * @param nextOffsets    per partition, the next offset to read: everything before it is trained or dead-lettered
 * @param classCounts    samples trained per class
 * @param model          the network's description; a checkpoint only loads into the same network
 */
public record Checkpoint(
        long step,
        long samplesTrained,
        String stage,
        TrainedLedger ledger,
        SampleSource source,
        SortedMap<Integer, Long> nextOffsets,
        long[] classCounts,
        String model) {
    public Checkpoint {
        nextOffsets = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(nextOffsets));
        classCounts = classCounts.clone();
    }

    public static SortedMap<Integer, Long> offsets(Map<Integer, Long> offsets) {
        return new TreeMap<>(offsets);
    }

    @Override
    public long[] classCounts() {
        return classCounts.clone();
    }
}
