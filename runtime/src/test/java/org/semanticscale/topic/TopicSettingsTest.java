package org.semanticscale.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.semanticscale.config.ConfigException;
import org.semanticscale.config.Settings;

class TopicSettingsTest {

    @Test
    void shouldFollowTheClusterSizeUnderAuto() {
        TopicSettings auto = settings(Map.of());
        assertEquals(new TopicLayout(6, (short) 1, 1), auto.resolve(1), "one broker: one replica, one in sync");
        assertEquals(new TopicLayout(6, (short) 1, 1), auto.resolve(2), "two brokers: still one replica");
        assertEquals(new TopicLayout(6, (short) 3, 2), auto.resolve(3), "three brokers: three replicas, two in sync");
        assertEquals(new TopicLayout(6, (short) 3, 2), auto.resolve(7), "more brokers: still three");
    }

    @Test
    void shouldHonourExplicitNumbers() {
        TopicSettings s = settings(Map.of(
                TopicSettings.PARTITIONS, "12",
                TopicSettings.REPLICATION_FACTOR, "2",
                TopicSettings.MIN_INSYNC_REPLICAS, "2"));
        assertEquals(new TopicLayout(12, (short) 2, 2), s.resolve(5));
        assertEquals(
                new TopicLayout(6, (short) 2, 1),
                settings(Map.of(TopicSettings.REPLICATION_FACTOR, "2")).resolve(2),
                "auto min.insync.replicas with 2 replicas: min(2, 2 - 1)");
        assertEquals(
                new TopicLayout(6, (short) 3, 3),
                settings(Map.of(TopicSettings.MIN_INSYNC_REPLICAS, "3")).resolve(3),
                "an explicit min.insync.replicas with auto replication");
        assertEquals(
                new TopicLayout(6, (short) 5, 2),
                settings(Map.of(TopicSettings.REPLICATION_FACTOR, "5")).resolve(3),
                "more replicas than brokers: honoured (only warned), Kafka refuses to create what it cannot place");
    }

    @Test
    void shouldAcceptAutoInAnyCase() {
        assertEquals(
                new TopicLayout(6, (short) 3, 2),
                settings(Map.of(TopicSettings.REPLICATION_FACTOR, " AUTO ")).resolve(4));
    }

    @Test
    void shouldRefuseBadValuesNamingTheKey() {
        ConfigException notANumber =
                assertThrows(ConfigException.class, () -> settings(Map.of(TopicSettings.REPLICATION_FACTOR, "three")));
        assertEquals(
                "configuration 'topics.replication-factor' = 'three' is invalid: expected auto (follow the cluster's"
                        + " size) or an integer in [1, 32767]",
                notANumber.getMessage());
        ConfigException zero =
                assertThrows(ConfigException.class, () -> settings(Map.of(TopicSettings.MIN_INSYNC_REPLICAS, "0")));
        assertEquals(TopicSettings.MIN_INSYNC_REPLICAS, zero.key());
        ConfigException noPartitions =
                assertThrows(ConfigException.class, () -> settings(Map.of(TopicSettings.PARTITIONS, "0")));
        assertEquals(TopicSettings.PARTITIONS, noPartitions.key());
    }

    @Test
    void shouldRefuseMoreInSyncReplicasThanReplicas() {
        ConfigException explicit = assertThrows(
                ConfigException.class,
                () -> settings(Map.of(TopicSettings.REPLICATION_FACTOR, "2", TopicSettings.MIN_INSYNC_REPLICAS, "3")));
        assertTrue(explicit.getMessage().contains("more than topics.replication-factor = 2"), explicit.getMessage());

        // Only known against the cluster: auto gives one replica on one broker.
        TopicSettings twoInSync = settings(Map.of(TopicSettings.MIN_INSYNC_REPLICAS, "2"));
        ConfigException resolved = assertThrows(ConfigException.class, () -> twoInSync.resolve(1));
        assertEquals(
                "configuration 'topics.min-insync-replicas' = '2' is invalid: more than the replication factor 1"
                        + " (topics.replication-factor = auto on 1 broker(s)): no write with acks=all could succeed."
                        + " Set at most 1, or auto",
                resolved.getMessage());
    }

    private static TopicSettings settings(Map<String, String> given) {
        Map<String, String> all = new TreeMap<>(TopicSettings.DEFAULTS);
        all.putAll(given);
        return TopicSettings.from(new Settings(all));
    }
}
