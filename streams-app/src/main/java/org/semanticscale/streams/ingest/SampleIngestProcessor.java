package org.semanticscale.streams.ingest;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.record.LabelledTensor;
import org.semanticscale.record.RecordFormatException;
import org.semanticscale.record.Records;
import org.semanticscale.sketch.ProjectionTooLargeException;
import org.semanticscale.sketch.Sketcher;
import org.semanticscale.streams.deadletter.DeadLetterReasons;

/**
 * The input view's ingest: decodes each record of the samples topic (binary layout or JSON, as the trainer does)
 * and forwards its class's sketch, the sample's values through the fixed projection ({@link Sketcher}), to be
 * repartitioned by label (samples are keyed by sample id). Refused, as dead letters: what the record format
 * refuses, a sample too long to project ({@code too-large}), and a sample of the wrong length
 * ({@code wrong-dimension}: sketches of different lengths come from different projections and cannot share a
 * window). The right length is {@code input.length} when set (the trainer's input size: a malformed sample can
 * then never decide it), else the first length this task saw of the class.
 */
public final class SampleIngestProcessor implements Processor<byte[], byte[], String, Ingested> {
    private final Sketcher sketcher;
    /** The length every sample must have, or 0: the first length seen of each class. */
    private final int requiredLength;
    /** Per class, the input length this task first saw of it (with no required length). */
    private final Map<String, Integer> lengths = new HashMap<>();

    private ProcessorContext<String, Ingested> context;

    public SampleIngestProcessor(Sketcher sketcher, int requiredLength) {
        this.sketcher = sketcher;
        this.requiredLength = requiredLength;
    }

    @Override
    public void init(ProcessorContext<String, Ingested> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        LabelledTensor sample;
        try {
            sample = Records.decodeSample(record.value());
        } catch (RecordFormatException e) {
            refuse(record, e.reason().code(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            // The record readers promise RecordFormatException; anything else is still a bad record, not a crash.
            refuse(record, RecordFormatException.Reason.UNREADABLE.code(), String.valueOf(e.getMessage()));
            return;
        }
        int length = sample.data().length;
        if (requiredLength > 0 && length != requiredLength) {
            refuse(
                    record,
                    DeadLetterReasons.WRONG_DIMENSION,
                    "input length " + length + ", input.length is " + requiredLength);
            return;
        }
        int first = requiredLength > 0 ? length : lengths.computeIfAbsent(sample.label(), label -> length);
        if (first != length) {
            refuse(
                    record,
                    DeadLetterReasons.WRONG_DIMENSION,
                    "input length " + length + ", class '" + sample.label() + "' has " + first);
            return;
        }
        float[] sketch;
        try {
            sketch = sketcher.sketch(sample);
        } catch (ProjectionTooLargeException e) {
            lengths.remove(sample.label(), length);
            refuse(record, RecordFormatException.Reason.TOO_LARGE.code(), e.getMessage());
            return;
        }
        // The repartition topic becomes the record's source: keep the original for dead letters.
        SourceHeaders.add(record.headers(), context.recordMetadata().orElseThrow());
        FeatureVector v = new FeatureVector(sample.label(), sketch, FeatureVector.NO_MODEL_VERSION, sample.sampleId());
        context.forward(record.withKey(sample.label()).withValue(new Ingested.Accepted(v, true)));
    }

    private void refuse(Record<byte[], byte[]> record, String reason, String detail) {
        context.forward(Ingested.Refused.of(record, context.recordMetadata().orElseThrow(), reason, detail));
    }
}
