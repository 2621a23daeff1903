package org.semanticscale.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.semanticscale.topic.TopicLayout;
import org.semanticscale.topic.TopicSettings;

class StreamsPropertiesTest {
    private final TopicLayout threeBrokers = new TopicLayout(6, (short) 3, 2);

    @Test
    void shouldShareTheTopicDefaultsOfEveryApp() {
        assertEquals(
                new TopicSettings(6, OptionalInt.empty(), OptionalInt.empty()),
                StreamsAppConfig.of(Map.of()).topics());
    }

    @Test
    void shouldReplicateInternalTopicsLikeTheAppsOwn() {
        Properties p = StreamsApp.streamsProperties(StreamsAppConfig.of(Map.of()), threeBrokers);
        assertEquals(3, p.get("replication.factor"));
        assertEquals(2, p.get("topic.min.insync.replicas"));
    }

    @Test
    void shouldLetKafkaSettingsOverrideTheResolvedReplication() {
        Properties p = StreamsApp.streamsProperties(
                StreamsAppConfig.of(Map.of("kafka.replication.factor", "2", "kafka.topic.min.insync.replicas", "1")),
                threeBrokers);
        assertEquals("2", p.get("replication.factor"));
        assertEquals("1", p.get("topic.min.insync.replicas"));
    }
}
