package org.semanticscale.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The golden cases of {@code shared/golden/}, computed by an independent float64 implementation and
 * committed gzipped under {@code src/test/resources/golden/}. Samples are rows.
 */
public final class GoldenCases {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Tolerance of from-scratch results against the golden values (docs/semantic-scale.md, 'Tolerances'). */
    public static final double FROM_SCRATCH_TOLERANCE = 1e-9;
    /** Tolerance of incrementally maintained windows (docs/semantic-scale.md, 'Tolerances'). */
    public static final double INCREMENTAL_TOLERANCE = 1e-6;

    private GoldenCases() {}

    public record VolumeCase(String name, int m, int d, float[][] samples, double volume) {}

    public record ScaledVolume(double factor, double volume) {}

    public record PrefixVolume(int m, double volume) {}

    public record Expected(
            long n, double volume, double volumeNormalized, double distanceWeight, double scale, double weight) {}

    public record ScaleCase(
            String name, double alpha, Map<String, float[][]> classes, Map<String, Expected> expected) {}

    public static List<VolumeCase> volumeCases() {
        List<VolumeCase> cases = new ArrayList<>();
        for (JsonNode c : read("volume-cases.json.gz").get("cases")) {
            cases.add(new VolumeCase(
                    c.get("name").asText(),
                    c.get("m").asInt(),
                    c.get("d").asInt(),
                    matrix(c.get("samples")),
                    c.get("volume").asDouble()));
        }
        return cases;
    }

    /** The monotone-in-size set: its samples and the volume after scaling them by each factor. */
    public static float[][] monotoneSamples() {
        return matrix(read("volume-cases.json.gz").get("monotone_in_size").get("samples"));
    }

    public static List<ScaledVolume> monotoneScaled() {
        List<ScaledVolume> out = new ArrayList<>();
        for (JsonNode s : read("volume-cases.json.gz").get("monotone_in_size").get("scaled")) {
            out.add(new ScaledVolume(s.get("factor").asDouble(), s.get("volume").asDouble()));
        }
        return out;
    }

    /** The marginal-effect set: its samples and the volume of each prefix of m samples. */
    public static float[][] marginalSamples() {
        return matrix(read("volume-cases.json.gz").get("marginal_effect").get("samples"));
    }

    public static List<PrefixVolume> marginalPrefixes() {
        List<PrefixVolume> out = new ArrayList<>();
        for (JsonNode p : read("volume-cases.json.gz").get("marginal_effect").get("prefixes")) {
            out.add(new PrefixVolume(p.get("m").asInt(), p.get("volume").asDouble()));
        }
        return out;
    }

    public static List<ScaleCase> scaleCases() {
        List<ScaleCase> cases = new ArrayList<>();
        for (JsonNode c : read("scale-cases.json.gz").get("cases")) {
            Map<String, float[][]> classes = new LinkedHashMap<>();
            c.get("classes").fields().forEachRemaining(e -> classes.put(e.getKey(), matrix(e.getValue())));
            Map<String, Expected> expected = new LinkedHashMap<>();
            c.get("expected").fields().forEachRemaining(e -> {
                JsonNode x = e.getValue();
                expected.put(
                        e.getKey(),
                        new Expected(
                                x.get("n").asLong(),
                                x.get("volume").asDouble(),
                                x.get("volume_normalized").asDouble(),
                                x.get("distance_weight").asDouble(),
                                x.get("scale").asDouble(),
                                x.get("weight").asDouble()));
            });
            cases.add(new ScaleCase(c.get("name").asText(), c.get("alpha").asDouble(), classes, expected));
        }
        return cases;
    }

    /** |actual - expected| within tol relative, or tol absolute for values near 0. */
    public static boolean close(double expected, double actual, double tol) {
        return Math.abs(actual - expected) <= tol * Math.max(1.0, Math.abs(expected));
    }

    private static float[][] matrix(JsonNode rows) {
        float[][] m = new float[rows.size()][];
        for (int r = 0; r < m.length; r++) {
            JsonNode row = rows.get(r);
            m[r] = new float[row.size()];
            for (int c = 0; c < m[r].length; c++) {
                m[r][c] = (float) row.get(c).asDouble();
            }
        }
        return m;
    }

    private static final Map<String, JsonNode> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private static JsonNode read(String resource) {
        return CACHE.computeIfAbsent(resource, r -> {
            try (InputStream in = GoldenCases.class.getResourceAsStream("/golden/" + r)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "golden resource /golden/" + r + " is missing from the test classpath");
                }
                return MAPPER.readTree(new GZIPInputStream(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
