package org.semanticscale.benchmarks.streams;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Times how long a consumer group takes to get through a topic, from its committed offsets: from the
 * first commit past zero to the commit that reaches the end. Startup and rebalancing are left out, so
 * this is the sustained rate.
 */
final class ConsumptionClock {
    private final Admin admin;

    ConsumptionClock(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        admin = Admin.create(p);
    }

    /**
     * What one group's pass through a topic took, from the first commit past zero to the end: the records and
     * seconds, and a probe's readings at those two instants (CPU clocks, say).
     */
    record Span<T>(long records, double seconds, T atFirstCommit, T atEnd) {
        double recordsPerSecond() {
            return records / Math.max(seconds, 1e-3);
        }
    }

    /** Records per second the group sustained over {@code topic}; fails after {@code timeoutSeconds}. */
    double recordsPerSecond(String group, String topic, long timeoutSeconds) throws Exception {
        return measure(group, topic, timeoutSeconds, () -> null).recordsPerSecond();
    }

    /** The group's pass over {@code topic}, {@code probe} read when it starts and ends; fails after {@code timeoutSeconds}. */
    <T> Span<T> measure(String group, String topic, long timeoutSeconds, Supplier<T> probe) throws Exception {
        Set<TopicPartition> partitions =
                admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> latest =
                partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        long end = admin.listOffsets(latest).all().get().values().stream()
                .mapToLong(i -> i.offset())
                .sum();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long firstNanos = -1;
        long firstOffset = 0;
        T first = null;
        while (System.nanoTime() < deadline) {
            long committed = committed(group, topic);
            if (firstNanos < 0 && committed > 0) {
                firstNanos = System.nanoTime();
                firstOffset = committed;
                first = probe.get();
            }
            if (committed >= end) {
                double seconds = (System.nanoTime() - firstNanos) / 1e9;
                return new Span<>(end - firstOffset, seconds, first, probe.get());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(
                "group " + group + " did not finish " + topic + " within " + timeoutSeconds + " s");
    }

    private long committed(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        return offsets.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset())
                .sum();
    }

    Admin admin() {
        return admin;
    }

    void close() {
        admin.close();
    }
}
