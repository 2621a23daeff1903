package org.semanticscale.trainer.train;

import java.util.List;
import java.util.Map;
import org.semanticscale.trainer.sample.Sample;

/**
 * Samples to train on together, and how far they take the reader.
 *
 * @param samples     the accepted samples, possibly none (only refused records, or nothing arrived)
 * @param nextOffsets per partition, the offset after the last record this batch took, trained or dead-lettered
 */
public record Batch(List<Sample> samples, Map<Integer, Long> nextOffsets) {
    public Batch {
        samples = List.copyOf(samples);
        nextOffsets = Map.copyOf(nextOffsets);
    }
}
