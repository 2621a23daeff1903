package org.semanticscale.deadletter;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * Headers every dead letter carries, beside the bytes received (key and value as they came): why it
 * was refused and where it came from, so it can be found, fixed and replayed.
 */
public final class DeadLetterHeaders {
    /** Machine-readable reason, e.g. {@code non-finite} or {@code wrong-dimension}. */
    public static final String REASON = "ssi.dead-letter.reason";
    /** Human-readable detail of the reason. */
    public static final String DETAIL = "ssi.dead-letter.detail";

    public static final String SOURCE_TOPIC = "ssi.dead-letter.source.topic";
    public static final String SOURCE_PARTITION = "ssi.dead-letter.source.partition";
    public static final String SOURCE_OFFSET = "ssi.dead-letter.source.offset";
    /** Which app refused it: streams-app or trainer. */
    public static final String APP = "ssi.dead-letter.app";

    /** Longest detail kept, so a dead letter cannot grow without bound. */
    static final int MAX_DETAIL = 1000;

    private DeadLetterHeaders() {}

    /** Adds the headers of one refusal to {@code headers}. */
    public static void add(
            Headers headers, String app, String reason, String detail, String topic, int partition, long offset) {
        put(headers, REASON, reason);
        put(headers, DETAIL, detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "..." : detail);
        put(headers, SOURCE_TOPIC, topic);
        put(headers, SOURCE_PARTITION, Integer.toString(partition));
        put(headers, SOURCE_OFFSET, Long.toString(offset));
        put(headers, APP, app);
    }

    /** The value of a header as text, or null. */
    public static String get(Headers headers, String name) {
        var h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }
}
