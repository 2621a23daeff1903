package org.semanticscale.streams.ingest;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.record.RecordFormatException;
import org.semanticscale.record.Records;
import org.semanticscale.streams.deadletter.DeadLetterReasons;

/**
 * Decodes each record of the features topic (binary layout or JSON) and names its class: the key when
 * there is one, the label in the value otherwise. Anything unreadable, non-finite, unlabelled or with
 * a key contradicting its value becomes a dead letter; the stream never stops on bad input.
 */
public final class FeatureIngestProcessor implements Processor<byte[], byte[], String, Ingested> {
    private final int fixedDimension;
    private ProcessorContext<String, Ingested> context;

    /** @param fixedDimension required dimension of every vector, or 0 to let each class set its own */
    public FeatureIngestProcessor(int fixedDimension) {
        this.fixedDimension = fixedDimension;
    }

    @Override
    public void init(ProcessorContext<String, Ingested> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String keyLabel = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        FeatureVector v;
        try {
            v = Records.decodeFeature(record.value());
        } catch (RecordFormatException e) {
            refuse(record, e.reason().code(), e.getMessage());
            return;
        }
        if (!keyLabel.isEmpty() && !keyLabel.equals(v.label())) {
            refuse(
                    record,
                    DeadLetterReasons.LABEL_MISMATCH,
                    "key says class '" + keyLabel + "', value says '" + v.label() + "'");
            return;
        }
        if (fixedDimension > 0 && v.dimension() != fixedDimension) {
            refuse(
                    record,
                    DeadLetterReasons.WRONG_DIMENSION,
                    "dimension " + v.dimension() + ", features.dimension is " + fixedDimension);
            return;
        }
        boolean rekey = keyLabel.isEmpty();
        if (rekey) {
            // The repartition topic becomes the record's source: keep the original for dead letters.
            SourceHeaders.add(record.headers(), context.recordMetadata().orElseThrow());
        }
        context.forward(record.withKey(v.label()).withValue(new Ingested.Accepted(v, rekey)));
    }

    private void refuse(Record<byte[], byte[]> record, String reason, String detail) {
        context.forward(Ingested.Refused.of(record, context.recordMetadata().orElseThrow(), reason, detail));
    }
}
