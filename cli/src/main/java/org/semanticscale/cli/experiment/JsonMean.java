package org.semanticscale.cli.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.stat.StatUtils;

/**
 * The mean of several JSON trees of the same shape, field by field: how a method's entry of
 * {@code results.json} gives the mean over the seeds of every figure of its per-seed entries, under the same
 * names. At each place:
 * <ul>
 *   <li>values that are all equal stay as they are (an integer stays an integer);</li>
 *   <li>a null or missing value in any tree gives null (a figure one seed lacks has no mean);</li>
 *   <li>objects give an object of the mean of each field, arrays of one length the mean of each element
 *       (arrays of different lengths cannot be paired: null);</li>
 *   <li>numbers give their arithmetic mean;</li>
 *   <li>other values (a class's name, a stage) give the most frequent, the earliest on a tie.</li>
 * </ul>
 */
final class JsonMean {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonMean() {}

    static JsonNode of(List<? extends JsonNode> trees) {
        if (trees.isEmpty()) {
            throw new IllegalArgumentException("the mean of no trees");
        }
        JsonNode first = trees.get(0);
        if (trees.stream().allMatch(first::equals)) {
            return first.deepCopy();
        }
        if (trees.stream().anyMatch(t -> t.isNull() || t.isMissingNode())) {
            return NullNode.getInstance();
        }
        if (trees.stream().allMatch(JsonNode::isObject)) {
            Set<String> fields = new LinkedHashSet<>();
            trees.forEach(t -> t.fieldNames().forEachRemaining(fields::add));
            ObjectNode out = NODES.objectNode();
            for (String f : fields) {
                out.set(f, of(trees.stream().map(t -> t.path(f)).toList()));
            }
            return out;
        }
        if (trees.stream().allMatch(JsonNode::isArray)) {
            if (trees.stream().anyMatch(t -> t.size() != first.size())) {
                return NullNode.getInstance();
            }
            ArrayNode out = NODES.arrayNode();
            for (int i = 0; i < first.size(); i++) {
                int at = i;
                out.add(of(trees.stream().map(t -> t.get(at)).toList()));
            }
            return out;
        }
        if (trees.stream().allMatch(JsonNode::isNumber)) {
            return DoubleNode.valueOf(StatUtils.mean(
                    trees.stream().mapToDouble(JsonNode::doubleValue).toArray()));
        }
        return mostFrequent(trees).deepCopy();
    }

    private static JsonNode mostFrequent(List<? extends JsonNode> trees) {
        Map<JsonNode, Integer> times = new LinkedHashMap<>();
        trees.forEach(t -> times.merge(t, 1, Integer::sum));
        JsonNode most = trees.get(0);
        for (Map.Entry<JsonNode, Integer> e : times.entrySet()) {
            if (e.getValue() > times.get(most)) {
                most = e.getKey();
            }
        }
        return most;
    }
}
