package org.semanticscale.trainer.checkpoint;

import java.nio.charset.StandardCharsets;

/**
 * A constant-size account of which samples the model has been trained on: their number and an
 * order-independent digest, the sum (mod 2^64) of a 64-bit hash of each sample id.
 *
 * <p>It travels in every checkpoint, so exactly-once training can be checked after any number of
 * restarts: the ledger of the final model equals {@link #of} the ids that were sent exactly when
 * each was trained once. A sample trained twice adds its hash twice, one missed adds nothing; a
 * collision that hides either needs two 64-bit hashes to cancel, about 2^-64 per pair.
 *
 * @param count  samples trained
 * @param digest sum of {@link #hash} of their ids
 */
public record TrainedLedger(long count, long digest) {
    public static final TrainedLedger EMPTY = new TrainedLedger(0, 0);

    /** This ledger with one more sample. */
    public TrainedLedger add(String sampleId) {
        return new TrainedLedger(count + 1, digest + hash(sampleId));
    }

    /** The ledger of a set of ids, each trained once. */
    public static TrainedLedger of(Iterable<String> sampleIds) {
        TrainedLedger ledger = EMPTY;
        for (String id : sampleIds) {
            ledger = ledger.add(id);
        }
        return ledger;
    }

    /** FNV-1a over the UTF-8 bytes, then the SplitMix64 finaliser so that similar ids spread over all 64 bits. */
    static long hash(String sampleId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : sampleId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
