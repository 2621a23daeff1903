package org.semanticscale.streams.ingest;

import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.streams.deadletter.DeadLetter;

/** What ingest makes of one record on a view's input topic: an accepted vector or a dead letter. */
public sealed interface Ingested {

    /**
     * A decoded, finite vector with its class label.
     *
     * @param rekey true when the record's key was not its label, so it must be repartitioned by label
     */
    record Accepted(FeatureVector vector, boolean rekey) implements Ingested {}

    record Refused(DeadLetter deadLetter) implements Ingested {
        /** The record as received, refused for {@code reason}, naming where it was read. */
        static Record<String, Ingested> of(
                Record<byte[], byte[]> record, RecordMetadata source, String reason, String detail) {
            DeadLetter d = new DeadLetter(
                    record.key(), record.value(), reason, detail, source.topic(), source.partition(), source.offset());
            return record.withKey("").withValue(new Refused(d));
        }
    }
}
