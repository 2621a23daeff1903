package org.semanticscale.topic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A topic as the cluster describes it, and how it compares with the spec an app would create it with. A topic
 * that cannot serve (not compacted where readers rebuild state from it, fewer partitions than configured) is a
 * problem that stops the app; less replication than configured is only a warning, since the data is served.
 *
 * @param replicationFactor the fewest replicas of any of its partitions
 * @param cleanupPolicy     its {@code cleanup.policy}, e.g. {@code delete} or {@code compact,delete}
 */
public record ExistingTopic(String name, int partitions, int replicationFactor, String cleanupPolicy) {

    /**
     * What stops an app from using this topic as {@code spec} says, each with how to fix it; empty when none.
     *
     * @param servers the bootstrap servers, for the commands the messages suggest
     */
    public List<String> problems(TopicSpec spec, String servers) {
        List<String> problems = new ArrayList<>();
        if (mustBeCompacted(spec) && !isCompacted()) {
            problems.add("topic " + name + " has cleanup.policy=" + cleanupPolicy + " but must be compacted: readers"
                    + " rebuild the latest record of every class from it, which a deleting topic loses once it ages"
                    + " out. Make it compacted (kafka-configs.sh --bootstrap-server " + servers
                    + " --alter --entity-type"
                    + " topics --entity-name " + name + " --add-config cleanup.policy=compact) or delete it"
                    + " (kafka-topics.sh --bootstrap-server " + servers + " --delete --topic " + name
                    + ") so that the app creates it");
        }
        if (partitions < spec.partitions()) {
            problems.add("topic " + name + " has " + partitions + " partition(s), fewer than the " + spec.partitions()
                    + " configured (" + TopicSettings.PARTITIONS + "): every app must see the same partitions. Add"
                    + " partitions (kafka-topics.sh --bootstrap-server " + servers + " --alter --topic " + name
                    + " --partitions " + spec.partitions() + "; classes may move to another partition, and their"
                    + " windows start again there), delete the topic so that the app creates it, or set "
                    + TopicSettings.PARTITIONS + "=" + partitions);
        }
        return problems;
    }

    /** What is worse than {@code spec} asks but still serves: too few replicas. Empty when none. */
    public List<String> warnings(TopicSpec spec) {
        if (replicationFactor >= spec.replicationFactor()) {
            return List.of();
        }
        return List.of("topic " + name + " has " + replicationFactor + " replica(s) where " + spec.replicationFactor()
                + " are configured (" + TopicSettings.REPLICATION_FACTOR + "): it is served, but a broker's loss may"
                + " lose or stop it. Reassign its partitions (kafka-reassign-partitions.sh) to add replicas");
    }

    private static boolean mustBeCompacted(TopicSpec spec) {
        return TopicConfig.CLEANUP_POLICY_COMPACT.equals(spec.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG));
    }

    private boolean isCompacted() {
        return cleanupPolicy != null
                && Arrays.stream(cleanupPolicy.split(","))
                        .map(String::trim)
                        .anyMatch(TopicConfig.CLEANUP_POLICY_COMPACT::equals);
    }
}
