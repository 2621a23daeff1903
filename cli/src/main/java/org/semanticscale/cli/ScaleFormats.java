package org.semanticscale.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.semanticscale.scale.ClassScale;

/** Prints class scales as a table, JSON (exactly the documented fields) or CSV. NaN (no scale) is null / empty. */
final class ScaleFormats {
    static final List<String> FIELDS = List.of(
            "label", "n", "volume", "volumeNormalized", "distanceWeight", "scale", "weight", "classBalancedWeight");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScaleFormats() {}

    static String json(List<ClassScale> scales) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ClassScale s : scales) {
            ObjectNode o = array.addObject();
            o.put("label", s.label());
            o.put("n", s.n());
            putNumber(o, "volume", s.volume());
            putNumber(o, "volumeNormalized", s.volumeNormalized());
            putNumber(o, "distanceWeight", s.distanceWeight());
            putNumber(o, "scale", s.scale());
            putNumber(o, "weight", s.weight());
            putNumber(o, "classBalancedWeight", s.classBalancedWeight());
        }
        try {
            return MAPPER.writeValueAsString(array);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String csv(List<ClassScale> scales) {
        StringBuilder b = new StringBuilder(String.join(",", FIELDS)).append('\n');
        for (ClassScale s : scales) {
            b.append(csvField(s.label())).append(',').append(s.n());
            for (double v : numbers(s)) {
                b.append(',').append(Double.isNaN(v) ? "" : Double.toString(v));
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String table(List<ClassScale> scales) {
        int labelWidth = "class".length();
        for (ClassScale s : scales) {
            labelWidth = Math.max(labelWidth, s.label().length());
        }
        String head = "%-" + labelWidth + "s %8s %12s %9s %9s %9s %9s %9s%n";
        StringBuilder b = new StringBuilder(
                String.format(Locale.ROOT, head, "class", "n", "volume S'", "S'/max", "W", "S", "weight", "CB weight"));
        for (ClassScale s : scales) {
            b.append(String.format(
                    Locale.ROOT,
                    "%-" + labelWidth + "s %8d %12s %9s %9s %9s %9s %9s%n",
                    s.label(),
                    s.n(),
                    fixed(s.volume(), 4),
                    fixed(s.volumeNormalized(), 4),
                    fixed(s.distanceWeight(), 4),
                    fixed(s.scale(), 4),
                    fixed(s.weight(), 4),
                    fixed(s.classBalancedWeight(), 4)));
        }
        return b.toString();
    }

    private static double[] numbers(ClassScale s) {
        return new double[] {
            s.volume(), s.volumeNormalized(), s.distanceWeight(), s.scale(), s.weight(), s.classBalancedWeight()
        };
    }

    private static void putNumber(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }

    private static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
