package org.semanticscale.streams.deadletter;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.semanticscale.deadletter.DeadLetterHeaders;
import org.semanticscale.streams.metrics.StreamsAppMetrics;

/** Turns a {@link DeadLetter} into the record written to the dead-letter topic: raw bytes plus reason headers. */
public final class DeadLetterWriter implements Processor<String, DeadLetter, byte[], byte[]> {
    static final String APP = "streams-app";

    private final StreamsAppMetrics metrics;
    private ProcessorContext<byte[], byte[]> context;

    public DeadLetterWriter(StreamsAppMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, DeadLetter> record) {
        DeadLetter d = record.value();
        Record<byte[], byte[]> out = new Record<>(d.key(), d.value(), record.timestamp(), record.headers());
        DeadLetterHeaders.add(
                out.headers(), APP, d.reason(), d.detail(), d.sourceTopic(), d.sourcePartition(), d.sourceOffset());
        metrics.deadLetter(d.reason());
        context.forward(out);
    }
}
