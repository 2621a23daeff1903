package org.semanticscale.streams.ingest;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Where a record was first read, carried in headers across the repartition by class, so a record
 * refused later still names its original topic, partition and offset.
 */
public final class SourceHeaders {
    static final String TOPIC = "ssi.source.topic";
    static final String PARTITION = "ssi.source.partition";
    static final String OFFSET = "ssi.source.offset";

    /** Topic, partition and offset of a record. */
    public record Source(String topic, int partition, long offset) {}

    private SourceHeaders() {}

    static void add(Headers headers, RecordMetadata m) {
        headers.add(TOPIC, m.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(PARTITION, Integer.toString(m.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(OFFSET, Long.toString(m.offset()).getBytes(StandardCharsets.UTF_8));
    }

    /** The original source from the headers, or the record's own metadata when it was never repartitioned. */
    public static Source of(Headers headers, RecordMetadata own) {
        var topic = headers.lastHeader(TOPIC);
        var partition = headers.lastHeader(PARTITION);
        var offset = headers.lastHeader(OFFSET);
        if (topic == null || partition == null || offset == null) {
            return new Source(own.topic(), own.partition(), own.offset());
        }
        try {
            return new Source(
                    new String(topic.value(), StandardCharsets.UTF_8),
                    Integer.parseInt(new String(partition.value(), StandardCharsets.UTF_8)),
                    Long.parseLong(new String(offset.value(), StandardCharsets.UTF_8)));
        } catch (NumberFormatException e) {
            return new Source(own.topic(), own.partition(), own.offset());
        }
    }
}
