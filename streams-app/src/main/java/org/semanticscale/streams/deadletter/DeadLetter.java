package org.semanticscale.streams.deadletter;

/**
 * A refused record on its way to {@code ssi.dead-letters}: the bytes received, why, and where they came from.
 *
 * @param key             key bytes as received (may be null)
 * @param value           value bytes as received (may be null)
 * @param reason          machine-readable reason (a {@code RecordFormatException.Reason} code or one of {@link DeadLetterReasons})
 * @param detail          human-readable detail
 * @param sourceTopic     topic the record was read from
 * @param sourcePartition its partition
 * @param sourceOffset    its offset
 */
public record DeadLetter(
        byte[] key,
        byte[] value,
        String reason,
        String detail,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset) {}
