package org.semanticscale.reliability.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.semanticscale.deadletter.DeadLetterHeaders;

/** Checks on what the apps wrote besides scales: alerts and dead letters. */
public final class OutputChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutputChecks() {}

    /** The cause of UNDERREPRESENTED and its RECOVERED (an alert without a cause, published before causes, too). */
    public static final String SCALE_RATIO = "scale-ratio";
    /** The cause of COLLAPSED and its RECOVERED. */
    public static final String OWN_DROP = "own-drop";

    /** The view of the model's features (an alert without a view, published before the input view, too). */
    public static final String MODEL_VIEW = "model";

    /** Alert states of one view and cause per class, in the order published: each view alerts on its own. */
    public static Map<String, List<String>> alertStates(
            List<ConsumerRecord<byte[], byte[]>> alerts, String view, String cause) {
        Map<String, List<String>> out = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : alerts) {
            try {
                JsonNode n = JSON.readTree(r.value());
                if (n.path("cause").asText(SCALE_RATIO).equals(cause)
                        && n.path("view").asText(MODEL_VIEW).equals(view)) {
                    out.computeIfAbsent(n.get("label").asText(), l -> new ArrayList<>())
                            .add(n.get("state").asText());
                }
            } catch (java.io.IOException e) {
                throw new AssertionError("unreadable alert " + new String(r.value(), StandardCharsets.UTF_8), e);
            }
        }
        return out;
    }

    /**
     * Alerts published twice: an alert is a transition, so a class's states of one cause must alternate,
     * starting with {@code first} (UNDERREPRESENTED or COLLAPSED) and then RECOVERED. A repeated state is an
     * alert sent again (or a transition lost).
     */
    public static List<String> duplicatedAlerts(Map<String, List<String>> states, String first) {
        List<String> out = new ArrayList<>();
        states.forEach((label, list) -> {
            for (int i = 0; i < list.size(); i++) {
                String expected = i % 2 == 0 ? first : "RECOVERED";
                if (!list.get(i).equals(expected)) {
                    out.add(label + ": " + list);
                    return;
                }
            }
        });
        return out;
    }

    /** Whether the last of a class's states is {@code state} (false without any). */
    public static boolean lastIs(Map<String, List<String>> states, String label, String state) {
        List<String> list = states.getOrDefault(label, List.of());
        return !list.isEmpty() && list.get(list.size() - 1).equals(state);
    }

    /** Where a dead letter came from: {@code topic/partition/offset}. */
    public static String source(ConsumerRecord<byte[], byte[]> deadLetter) {
        return DeadLetterHeaders.get(deadLetter.headers(), DeadLetterHeaders.SOURCE_TOPIC) + "/"
                + DeadLetterHeaders.get(deadLetter.headers(), DeadLetterHeaders.SOURCE_PARTITION) + "/"
                + DeadLetterHeaders.get(deadLetter.headers(), DeadLetterHeaders.SOURCE_OFFSET);
    }

    /** Dead letters per source record; a count above one is a duplicate. */
    public static Map<String, Integer> bySource(List<ConsumerRecord<byte[], byte[]>> deadLetters) {
        Map<String, Integer> out = new LinkedHashMap<>();
        deadLetters.forEach(d -> out.merge(source(d), 1, Integer::sum));
        return out;
    }

    /** Dead letters per reason header ("(none)" when missing or blank). */
    public static Map<String, Integer> byReason(List<ConsumerRecord<byte[], byte[]>> deadLetters) {
        Map<String, Integer> out = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> d : deadLetters) {
            String reason = DeadLetterHeaders.get(d.headers(), DeadLetterHeaders.REASON);
            out.merge(reason == null || reason.isBlank() ? "(none)" : reason, 1, Integer::sum);
        }
        return out;
    }
}
