package org.semanticscale.streams.ingest;

import org.semanticscale.record.FeatureVector;
import org.semanticscale.streams.deadletter.DeadLetter;

/** What ingest makes of one record on the features topic: an accepted vector or a dead letter. */
public sealed interface Ingested {

    /**
     * A decoded, finite vector with its class label.
     *
     * @param rekey true when the record's key was not its label, so it must be repartitioned by label
     */
    record Accepted(FeatureVector vector, boolean rekey) implements Ingested {}

    record Refused(DeadLetter deadLetter) implements Ingested {}
}
