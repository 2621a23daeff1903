package org.semanticscale.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.config.Settings;
import org.semanticscale.connection.KafkaConnection;
import org.semanticscale.testkit.Await;

/**
 * The topic contract against a real in-process KRaft broker: topics created from {@link TopicRole} and
 * {@link TopicSettings}, and existing topics that do not fit refused before anything is created. Each test
 * has its own topic names.
 */
class TopicContractIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static EmbeddedKafkaBroker broker;
    private static KafkaConnection kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        Properties client = new Properties();
        client.put("bootstrap.servers", broker.bootstrapServers());
        kafka = KafkaConnection.open(client, WAIT, "the test");
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
        broker.close();
    }

    @Test
    void shouldCreateEveryTopicAsTheContractDeclaresIt() throws Exception {
        // 1. The defaults, resolved on this one-broker cluster: 6 input partitions, 1 replica, 1 in sync.
        TopicLayout layout = defaults().resolve(kafka.brokers());
        assertEquals(1, kafka.brokers());
        assertEquals(new TopicLayout(6, (short) 1, 1), layout);

        // 2. Every role, created from the contract.
        kafka.ensureTopics(Arrays.stream(TopicRole.values())
                .map(role -> layout.spec(role, "all." + role.defaultName()))
                .toList());

        // 3. What the broker holds: partitions and compaction by role, min.insync.replicas set on each topic.
        for (TopicRole role : TopicRole.values()) {
            String name = "all." + role.defaultName();
            assertEquals(role.keyedInput() ? 6 : 1, describe(name).partitions().size(), name);
            Config config = configOf(name);
            assertEquals(
                    role.compacted() ? "compact" : "delete",
                    config.get("cleanup.policy").value(),
                    name);
            ConfigEntry minIsr = config.get("min.insync.replicas");
            assertEquals("1", minIsr.value(), name);
            assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, minIsr.source(), name + " sets it itself");
        }
    }

    @Test
    void shouldRefuseAScalesTopicThatIsNotCompactedAndCreateNothing() throws Exception {
        // 1. Someone created the scales topic by hand, not compacted.
        create(new NewTopic("plain.ssi.scales", 1, (short) 1));

        // 2. Start-up refuses it, naming the topic, what it has and the fix; the missing features topic is not made.
        TopicLayout layout = defaults().resolve(kafka.brokers());
        TopicMismatchException e = assertThrows(
                TopicMismatchException.class,
                () -> kafka.ensureTopics(List.of(
                        layout.spec(TopicRole.FEATURES, "plain.ssi.features"),
                        layout.spec(TopicRole.SCALES, "plain.ssi.scales"))));
        assertTrue(
                e.getMessage().startsWith("topic plain.ssi.scales has cleanup.policy=delete but must be compacted"),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains("--bootstrap-server " + broker.bootstrapServers() + " --alter --entity-type"
                                + " topics --entity-name plain.ssi.scales --add-config cleanup.policy=compact"),
                e.getMessage());
        assertFalse(topicNames().contains("plain.ssi.features"), "nothing is created when a topic does not fit");
    }

    @Test
    void shouldRefuseAFeaturesTopicWithFewerPartitionsThanConfigured() throws Exception {
        create(new NewTopic("few.ssi.features", 2, (short) 1));

        TopicLayout layout = defaults().resolve(kafka.brokers());
        TopicMismatchException e = assertThrows(
                TopicMismatchException.class,
                () -> kafka.ensureTopics(List.of(layout.spec(TopicRole.FEATURES, "few.ssi.features"))));
        assertTrue(
                e.getMessage()
                        .startsWith("topic few.ssi.features has 2 partition(s), fewer than the 6 configured"
                                + " (topics.partitions)"),
                e.getMessage());
        assertEquals(2, describe("few.ssi.features").partitions().size(), "the topic is left as it is");
    }

    @Test
    void shouldAcceptAFeaturesTopicWithMorePartitionsThanConfigured() throws Exception {
        create(new NewTopic("many.ssi.features", 8, (short) 1));

        TopicLayout layout = defaults().resolve(kafka.brokers());
        kafka.ensureTopics(List.of(
                layout.spec(TopicRole.FEATURES, "many.ssi.features"),
                layout.spec(TopicRole.SCALES, "many.ssi.scales")));

        assertEquals(8, describe("many.ssi.features").partitions().size(), "used as it is");
        assertEquals(
                "compact", configOf("many.ssi.scales").get("cleanup.policy").value(), "the missing one created");
    }

    private static TopicSettings defaults() {
        return TopicSettings.from(new Settings(new TreeMap<>(TopicSettings.DEFAULTS)));
    }

    /** Creates a topic as someone else would, and waits until the broker lists it (its metadata lags the controller). */
    private static void create(NewTopic topic) throws Exception {
        kafka.admin().createTopics(List.of(topic)).all().get();
        Await.until(topic.name() + " listed", WAIT, () -> topicNames().contains(topic.name()));
    }

    private static Set<String> topicNames() throws Exception {
        return kafka.admin().listTopics().names().get();
    }

    private static TopicDescription describe(String topic) throws Exception {
        return kafka.admin()
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic);
    }

    private static Config configOf(String topic) throws Exception {
        ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<ConfigResource, Config> configs =
                kafka.admin().describeConfigs(List.of(r)).all().get();
        return configs.get(r);
    }
}
