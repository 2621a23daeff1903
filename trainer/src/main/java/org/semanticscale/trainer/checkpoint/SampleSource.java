package org.semanticscale.trainer.checkpoint;

import java.util.Optional;

/**
 * The log a checkpoint's offsets belong to: offsets mean something only in the topic they were read
 * from, on the cluster it lives on. A topic deleted and created again under the same name gets a new
 * id, and another cluster has another id, so both show here.
 *
 * @param clusterId the Kafka cluster's id, or {@link #UNKNOWN} in a checkpoint written before it was recorded
 * @param topic     the samples topic's name
 * @param topicId   the samples topic's id, or {@link #UNKNOWN}
 */
public record SampleSource(String clusterId, String topic, String topicId) {
    public static final String UNKNOWN = "unknown";

    /** Why offsets read from {@code this} log cannot be resumed in {@code current}, or empty when they can. */
    public Optional<String> mismatch(SampleSource current) {
        if (clusterId.equals(UNKNOWN)) {
            return Optional.of("it was written by an older version that did not record its cluster and topic id");
        }
        if (!topic.equals(current.topic)) {
            return Optional.of("its offsets are of topic " + topic + ", and the trainer reads " + current.topic);
        }
        if (!clusterId.equals(current.clusterId)) {
            return Optional.of("its offsets are of " + topic + " on Kafka cluster " + clusterId
                    + ", and this is cluster " + current.clusterId);
        }
        if (!topicId.equals(current.topicId)) {
            return Optional.of("its offsets are of an earlier " + topic + " (topic id " + topicId
                    + "), since deleted; the topic there now has id " + current.topicId);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return topic + " (topic id " + topicId + ") on Kafka cluster " + clusterId;
    }
}
