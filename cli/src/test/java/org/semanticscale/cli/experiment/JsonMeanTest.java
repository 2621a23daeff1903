package org.semanticscale.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonMeanTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String mean(String... trees) throws Exception {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String t : trees) {
            nodes.add(JSON.readTree(t));
        }
        return JsonMean.of(nodes).toString();
    }

    @Test
    void numbersAreAveragedFieldByFieldAndElementByElement() throws Exception {
        assertEquals(
                "{\"overall\":0.75,\"perClass\":[{\"label\":\"a\",\"accuracy\":0.5}]}",
                mean(
                        "{\"overall\":0.7,\"perClass\":[{\"label\":\"a\",\"accuracy\":0.4}]}",
                        "{\"overall\":0.8,\"perClass\":[{\"label\":\"a\",\"accuracy\":0.6}]}"));
    }

    @Test
    void equalValuesStayAsTheyAreAndAnIntegerStaysAnInteger() throws Exception {
        assertEquals(
                "{\"n\":810,\"stage\":\"FILL\"}",
                mean("{\"n\":810,\"stage\":\"FILL\"}", "{\"n\":810,\"stage\":\"FILL\"}"));
        assertEquals("{\"n\":811.0}", mean("{\"n\":810}", "{\"n\":812}"));
    }

    @Test
    void aMissingOrNullValueInAnyTreeHasNoMean() throws Exception {
        assertEquals("{\"r\":null,\"w\":null}", mean("{\"r\":0.5,\"w\":1}", "{\"r\":null}"));
        assertEquals("{\"epochs\":null}", mean("{\"epochs\":[1,2]}", "{\"epochs\":[1]}"));
    }

    @Test
    void otherValuesTakeTheMostFrequentTheEarliestOnATie() throws Exception {
        assertEquals("\"Shirt\"", mean("\"Coat\"", "\"Shirt\"", "\"Shirt\""));
        assertEquals("\"Coat\"", mean("\"Coat\"", "\"Shirt\""));
        assertEquals("true", mean("true", "false", "true"));
        assertThrows(IllegalArgumentException.class, () -> JsonMean.of(List.of()));
    }
}
