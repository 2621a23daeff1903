package org.semanticscale.topic;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The {@code topics.*} settings resolved against the cluster: the partitions of the keyed input topics, the
 * replication factor and {@code min.insync.replicas} of every topic an app creates (and of the streams-app's
 * internal topics).
 */
public record TopicLayout(int inputPartitions, short replicationFactor, int minInsyncReplicas) {
    public TopicLayout {
        if (inputPartitions < 1 || replicationFactor < 1 || minInsyncReplicas < 1) {
            throw new IllegalArgumentException(
                    "partitions, replication factor and min.insync.replicas must be at least 1");
        }
    }

    /** The spec of the topic of {@code role}, named {@code name} (the app's configured name for it). */
    public TopicSpec spec(TopicRole role, String name) {
        Map<String, String> configs = new HashMap<>();
        if (role.compacted()) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas));
        return new TopicSpec(name, role.keyedInput() ? inputPartitions : 1, replicationFactor, configs);
    }
}
