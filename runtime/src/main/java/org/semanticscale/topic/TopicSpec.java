package org.semanticscale.topic;

import java.util.Map;

/** A topic an app needs: name, partitions, replication, and configs such as cleanup.policy. */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {
    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException(
                    "topic " + name + ": partitions and replication factor must be at least 1");
        }
        configs = Map.copyOf(configs);
    }

    /** A compacted topic (latest value per key), like ssi.scales. */
    public static TopicSpec compacted(String name, int partitions, short replicationFactor) {
        return new TopicSpec(name, partitions, replicationFactor, Map.of("cleanup.policy", "compact"));
    }

    public static TopicSpec plain(String name, int partitions, short replicationFactor) {
        return new TopicSpec(name, partitions, replicationFactor, Map.of());
    }
}
