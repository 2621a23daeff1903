package org.semanticscale.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExistingTopicTest {
    private static final String SERVERS = "broker:9092";
    private final TopicLayout layout = new TopicLayout(6, (short) 3, 2);

    @Test
    void shouldRefuseAScalesTopicThatIsNotCompactedSayingHowToFixIt() {
        ExistingTopic scales = new ExistingTopic("ssi.scales", 1, 3, "delete");
        List<String> problems = scales.problems(layout.spec(TopicRole.SCALES, "ssi.scales"), SERVERS);
        assertEquals(1, problems.size());
        String p = problems.get(0);
        assertTrue(p.startsWith("topic ssi.scales has cleanup.policy=delete but must be compacted"), p);
        assertTrue(
                p.contains("kafka-configs.sh --bootstrap-server broker:9092 --alter --entity-type topics --entity-name"
                        + " ssi.scales --add-config cleanup.policy=compact"),
                p);
        assertTrue(p.contains("kafka-topics.sh --bootstrap-server broker:9092 --delete --topic ssi.scales"), p);
    }

    @Test
    void shouldAcceptACompactedPolicyAmongOthers() {
        TopicSpec spec = layout.spec(TopicRole.SCALES, "s");
        assertEquals(List.of(), new ExistingTopic("s", 1, 3, "compact").problems(spec, SERVERS));
        assertEquals(List.of(), new ExistingTopic("s", 1, 3, "delete, compact").problems(spec, SERVERS));
        assertEquals(
                List.of(),
                new ExistingTopic("f", 6, 3, "compact").problems(layout.spec(TopicRole.FEATURES, "f"), SERVERS),
                "a compacted input topic is not refused: the app does not need it to delete");
    }

    @Test
    void shouldRefuseAnInputTopicWithFewerPartitionsSayingHowToFixIt() {
        ExistingTopic features = new ExistingTopic("ssi.features", 4, 3, "delete");
        List<String> problems = features.problems(layout.spec(TopicRole.FEATURES, "ssi.features"), SERVERS);
        assertEquals(1, problems.size());
        String p = problems.get(0);
        assertTrue(
                p.startsWith("topic ssi.features has 4 partition(s), fewer than the 6 configured (topics.partitions)"),
                p);
        assertTrue(
                p.contains(
                        "kafka-topics.sh --bootstrap-server broker:9092 --alter --topic ssi.features --partitions 6"),
                p);
        assertTrue(p.endsWith("or set topics.partitions=4"), p);
    }

    @Test
    void shouldAcceptMorePartitionsThanConfigured() {
        assertEquals(
                List.of(),
                new ExistingTopic("f", 12, 3, "delete").problems(layout.spec(TopicRole.FEATURES, "f"), SERVERS));
        assertEquals(
                List.of(),
                new ExistingTopic("s", 3, 3, "compact").problems(layout.spec(TopicRole.SCALES, "s"), SERVERS));
    }

    @Test
    void shouldOnlyWarnAboutFewerReplicas() {
        ExistingTopic features = new ExistingTopic("f", 6, 1, "delete");
        TopicSpec spec = layout.spec(TopicRole.FEATURES, "f");
        assertEquals(List.of(), features.problems(spec, SERVERS));
        List<String> warnings = features.warnings(spec);
        assertEquals(1, warnings.size());
        assertTrue(
                warnings.get(0)
                        .startsWith("topic f has 1 replica(s) where 3 are configured (topics.replication-factor)"),
                warnings.get(0));
        assertEquals(List.of(), new ExistingTopic("f", 6, 3, "delete").warnings(spec));
    }

    @Test
    void shouldNameEveryTopicThatDoesNotFitInOneMessage() {
        TopicMismatchException e = new TopicMismatchException(List.of("topic a is wrong", "topic b is wrong"));
        assertEquals("2 topics do not fit the configuration: topic a is wrong; topic b is wrong", e.getMessage());
        assertEquals("topic a is wrong", new TopicMismatchException(List.of("topic a is wrong")).getMessage());
    }
}
