package org.semanticscale.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicLayoutTest {
    private final TopicLayout layout = new TopicLayout(6, (short) 3, 2);

    @Test
    void shouldGiveKeyedInputsTheConfiguredPartitionsAndOutputsOne() {
        assertEquals(
                new TopicSpec("f", 6, (short) 3, Map.of("min.insync.replicas", "2")),
                layout.spec(TopicRole.FEATURES, "f"));
        assertEquals(6, layout.spec(TopicRole.SAMPLES, "s").partitions());
        assertEquals(1, layout.spec(TopicRole.ALERTS, "a").partitions());
        assertEquals(1, layout.spec(TopicRole.DEAD_LETTERS, "d").partitions());
    }

    @Test
    void shouldCompactTheScalesTopicsOnly() {
        assertEquals(
                new TopicSpec("sc", 1, (short) 3, Map.of("cleanup.policy", "compact", "min.insync.replicas", "2")),
                layout.spec(TopicRole.SCALES, "sc"));
        assertEquals(
                "compact", layout.spec(TopicRole.INPUT_SCALES, "in").configs().get("cleanup.policy"));
        for (TopicRole role :
                new TopicRole[] {TopicRole.SAMPLES, TopicRole.FEATURES, TopicRole.ALERTS, TopicRole.DEAD_LETTERS}) {
            assertEquals(null, layout.spec(role, "t").configs().get("cleanup.policy"), role.name());
        }
    }
}
