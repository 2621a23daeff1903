package org.semanticscale.topic;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.semanticscale.config.ConfigException;
import org.semanticscale.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partition and replication settings every app shares, with their defaults in one place ({@link #DEFAULTS}),
 * so the same settings give the same topics whichever app starts first.
 *
 * <ul>
 *   <li>{@code topics.partitions} (default 6): partitions of the keyed input topics (samples, features). They
 *       are the unit of parallelism of the streams-app's stage A: one task per partition, so instances and
 *       stream threads beyond this number idle. 6 lets a deployment grow to 2, 3 or 6 workers without new
 *       partitions, which would move classes between tasks.
 *   <li>{@code topics.replication-factor} (default {@code auto}): {@code auto} is 3 on a cluster of at least
 *       3 brokers and 1 on 1 or 2 (3 is Kafka's usual production choice; on two brokers a second replica would
 *       either stop acks=all writes while one broker restarts, with min.insync.replicas 2, or acknowledge
 *       writes only one broker holds, with 1: set 2 explicitly if that suits).
 *   <li>{@code topics.min-insync-replicas} (default {@code auto}): {@code auto} is {@code max(1, min(2, rf - 1))},
 *       1 with one replica and 2 with three: a write is kept by two brokers, and one broker may be down.
 * </ul>
 *
 * {@code auto} counts the brokers that answer at start: on a cluster of 3 with one down it resolves to 1; set
 * numbers where that matters.
 */
public record TopicSettings(int partitions, OptionalInt replicationFactor, OptionalInt minInsyncReplicas) {
    public static final String PARTITIONS = "topics.partitions";
    public static final String REPLICATION_FACTOR = "topics.replication-factor";
    public static final String MIN_INSYNC_REPLICAS = "topics.min-insync-replicas";
    public static final String AUTO = "auto";

    /** Every key with its default: each app adds these to its own defaults. */
    public static final Map<String, String> DEFAULTS =
            Map.of(PARTITIONS, "6", REPLICATION_FACTOR, AUTO, MIN_INSYNC_REPLICAS, AUTO);

    /** A cluster of at least this many brokers gets 3 replicas under {@code auto}. */
    private static final int FULL_REPLICATION = 3;

    private static final Logger LOG = LoggerFactory.getLogger(TopicSettings.class);

    public TopicSettings {
        if (partitions < 1) {
            throw new ConfigException(PARTITIONS, Integer.toString(partitions), "expected at least 1");
        }
        if (replicationFactor.isPresent()
                && minInsyncReplicas.isPresent()
                && minInsyncReplicas.getAsInt() > replicationFactor.getAsInt()) {
            throw new ConfigException(
                    MIN_INSYNC_REPLICAS,
                    Integer.toString(minInsyncReplicas.getAsInt()),
                    "more than " + REPLICATION_FACTOR + " = " + replicationFactor.getAsInt()
                            + ": no write with acks=all could succeed. Lower it, or set it to auto");
        }
    }

    /** Reads and validates the three keys. */
    public static TopicSettings from(Settings s) {
        return new TopicSettings(
                s.intValue(PARTITIONS, 1, 10_000),
                autoOrCount(s, REPLICATION_FACTOR),
                autoOrCount(s, MIN_INSYNC_REPLICAS));
    }

    private static OptionalInt autoOrCount(Settings s, String key) {
        String v = s.string(key).trim().toLowerCase(Locale.ROOT);
        if (v.equals(AUTO)) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= Short.MAX_VALUE) {
                return OptionalInt.of(n);
            }
        } catch (NumberFormatException e) {
            // refused below, with what is expected
        }
        throw new ConfigException(key, v, "expected auto (follow the cluster's size) or an integer in [1, 32767]");
    }

    /**
     * The layout on a cluster of {@code brokers} brokers: {@code auto} resolved, explicit numbers as given.
     *
     * @throws ConfigException when {@code min.insync.replicas} would exceed the replication factor
     */
    public TopicLayout resolve(int brokers) {
        if (brokers < 1) {
            throw new IllegalArgumentException("a cluster has at least one broker, not " + brokers);
        }
        int rf = replicationFactor.orElse(brokers >= FULL_REPLICATION ? FULL_REPLICATION : 1);
        if (rf > brokers) {
            // Not refused: the topics may exist already. Kafka refuses to create a missing one, naming it.
            LOG.warn(
                    "{} = {} but only {} broker(s) answered: Kafka cannot create a missing topic with {} replicas",
                    REPLICATION_FACTOR,
                    rf,
                    brokers,
                    rf);
        }
        int minIsr = minInsyncReplicas.orElse(Math.max(1, Math.min(2, rf - 1)));
        if (minIsr > rf) {
            throw new ConfigException(
                    MIN_INSYNC_REPLICAS,
                    Integer.toString(minIsr),
                    "more than the replication factor " + rf + " (" + REPLICATION_FACTOR + " = "
                            + (replicationFactor.isPresent() ? rf : AUTO + " on " + brokers + " broker(s)")
                            + "): no write with acks=all could succeed. Set at most " + rf + ", or auto");
        }
        return new TopicLayout(partitions, (short) rf, minIsr);
    }
}
