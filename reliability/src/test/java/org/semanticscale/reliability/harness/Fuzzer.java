package org.semanticscale.reliability.harness;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.record.LabelledTensor;

/**
 * Seeded bad records of every kind for the features topic (the streams-app) and the samples topic
 * (the trainer): random bytes, truncated headers and data, trailing bytes, wrong dimensions and
 * shapes, NaN and infinities (binary and JSON), empty, blank, huge and non-UTF-8 labels, declared and
 * real oversized tensors, the wrong record kind, unknown versions, malformed and hostile JSON (deep
 * nesting, endless numbers), keys that contradict the value, null and empty values.
 *
 * <p>Each is built to be refused; none is a valid record by accident (random bytes never start with
 * the magic {@code SS} followed by a readable header, and never parse as a labelled JSON object).
 */
public final class Fuzzer {
    /** One bad record: what kind it is, and its key and value as sent. */
    public record Bad(String kind, byte[] key, byte[] value) {}

    private final Random random;
    private final int featureDimension;
    private final List<String> featureLabels;
    private final int sampleLength;
    private final List<String> sampleLabels;

    /**
     * @param featureDimension the streams-app's features.dimension
     * @param featureLabels    classes of the good features
     * @param sampleLength     the trainer's input size (a flat shape)
     * @param sampleLabels     the trainer's classes
     */
    public Fuzzer(
            long seed, int featureDimension, List<String> featureLabels, int sampleLength, List<String> sampleLabels) {
        this.random = new Random(seed);
        this.featureDimension = featureDimension;
        this.featureLabels = List.copyOf(featureLabels);
        this.sampleLength = sampleLength;
        this.sampleLabels = List.copyOf(sampleLabels);
    }

    private final List<Function<Fuzzer, Bad>> featureKinds = List.of(
            f -> f.randomBytes(),
            f -> new Bad("empty-value", f.featureKey(), new byte[0]),
            f -> new Bad("null-value", f.featureKey(), null),
            f -> f.truncatedHeader(f.goodFeature()),
            f -> f.truncatedData(f.goodFeature()),
            f -> new Bad("trailing-bytes", f.featureKey(), concat(f.goodFeature(), f.bytes(1 + f.random.nextInt(8)))),
            f -> f.featureOfDimension(f.wrongDimension(), "wrong-dimension"),
            f -> f.nonFiniteFeature(),
            f -> f.jsonNonFinite(true),
            f -> f.emptyLabel(BinaryRecords.KIND_FEATURE),
            f -> f.hugeLabel(BinaryRecords.KIND_FEATURE),
            f -> f.invalidUtf8Label(BinaryRecords.KIND_FEATURE),
            f -> new Bad(
                    "declared-oversized",
                    null,
                    raw(
                            BinaryRecords.KIND_FEATURE,
                            1,
                            utf8(f.featureLabel()),
                            new int[] {BinaryRecords.MAX_ELEMENTS + 1},
                            new float[4])),
            f -> new Bad(
                    "wrong-kind",
                    null,
                    BinaryRecords.encode(new LabelledTensor(
                            f.featureLabel(), new int[] {f.featureDimension}, f.floats(f.featureDimension), "s"))),
            f -> f.unsupportedVersion(f.goodFeature()),
            f -> f.hostileJson(true),
            f -> f.labelMismatch(),
            f -> new Bad("non-utf8-key", new byte[] {(byte) 0xc3, (byte) 0x28}, f.goodFeatureOf("c1")),
            f -> new Bad(
                    "rank-2-feature",
                    null,
                    raw(BinaryRecords.KIND_FEATURE, 1, utf8(f.featureLabel()), new int[] {4, 4}, f.floats(16))),
            f -> new Bad(
                    "zero-dimension",
                    null,
                    raw(BinaryRecords.KIND_FEATURE, 1, utf8(f.featureLabel()), new int[] {0}, new float[0])));

    private final List<Function<Fuzzer, Bad>> sampleKinds = List.of(
            f -> f.randomBytes(),
            f -> new Bad("empty-value", f.bytes(4), new byte[0]),
            f -> new Bad("null-value", f.bytes(4), null),
            f -> f.truncatedHeader(f.goodSample()),
            f -> f.truncatedData(f.goodSample()),
            f -> new Bad("trailing-bytes", null, concat(f.goodSample(), f.bytes(1 + f.random.nextInt(8)))),
            f -> f.sampleOfShape(new int[] {f.sampleLength + 1 + f.random.nextInt(20)}, "wrong-shape"),
            f -> f.sampleOfShape(new int[] {3, 3}, "wrong-shape-2d"),
            f -> f.nonFiniteSample(),
            f -> f.jsonNonFinite(false),
            f -> f.emptyLabel(BinaryRecords.KIND_SAMPLE),
            f -> f.hugeLabel(BinaryRecords.KIND_SAMPLE),
            f -> f.invalidUtf8Label(BinaryRecords.KIND_SAMPLE),
            f -> new Bad(
                    "declared-oversized",
                    null,
                    raw(BinaryRecords.KIND_SAMPLE, -1, utf8(f.sampleLabel()), new int[] {4097, 4097}, new float[4])),
            f -> new Bad(
                    "unknown-label",
                    null,
                    BinaryRecords.encode(new LabelledTensor(
                            "zebra-" + f.random.nextInt(1000),
                            new int[] {f.sampleLength},
                            f.floats(f.sampleLength),
                            "z"))),
            f -> new Bad(
                    "wrong-kind",
                    null,
                    BinaryRecords.encode(new FeatureVector(f.sampleLabel(), f.floats(f.sampleLength), 1, "w"))),
            f -> f.unsupportedVersion(f.goodSample()),
            f -> f.hostileJson(false),
            f -> new Bad(
                    "zero-shape",
                    null,
                    raw(BinaryRecords.KIND_SAMPLE, -1, utf8(f.sampleLabel()), new int[] {0, 8}, new float[0])),
            f -> new Bad(
                    "rank-5",
                    null,
                    raw(BinaryRecords.KIND_SAMPLE, -1, utf8(f.sampleLabel()), new int[] {1, 1, 1, 1, 8}, f.floats(8))));

    /** A bad record for the features topic, of a kind drawn at random. */
    public Bad badFeature() {
        return featureKinds.get(random.nextInt(featureKinds.size())).apply(this);
    }

    /** A bad record for the samples topic, of a kind drawn at random. */
    public Bad badSample() {
        return sampleKinds.get(random.nextInt(sampleKinds.size())).apply(this);
    }

    /** A real oversized feature record (about 800 KB): valid layout, far too many dimensions. */
    public Bad oversizedFeature() {
        return featureOfDimension(200_000, "oversized");
    }

    /** A real oversized sample (about 400 KB): valid layout, not the model's shape. */
    public Bad oversizedSample() {
        return sampleOfShape(new int[] {100_000}, "oversized");
    }

    // ---- the kinds ----

    private Bad randomBytes() {
        byte[] b = bytes(1 + random.nextInt(600));
        // Not the binary magic, and not a JSON object: what is left is garbage by construction.
        b[0] = (byte) ('a' + random.nextInt(26));
        return new Bad("random-bytes", random.nextBoolean() ? null : bytes(1 + random.nextInt(16)), b);
    }

    private Bad truncatedHeader(byte[] valid) {
        int headerEnd = Math.min(valid.length - 1, 17 + (valid[4] & 0xff));
        return new Bad("truncated-header", null, Arrays.copyOf(valid, 2 + random.nextInt(Math.max(1, headerEnd - 2))));
    }

    private Bad truncatedData(byte[] valid) {
        return new Bad("truncated-data", null, Arrays.copyOf(valid, valid.length - 1 - random.nextInt(8)));
    }

    private Bad featureOfDimension(int d, String kind) {
        String label = featureLabel();
        return new Bad(kind, utf8(label), BinaryRecords.encode(new FeatureVector(label, floats(d), 1, "")));
    }

    private int wrongDimension() {
        int d;
        do {
            d = 1 + random.nextInt(64);
        } while (d == featureDimension);
        return d;
    }

    private Bad sampleOfShape(int[] shape, String kind) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        return new Bad(
                kind,
                null,
                BinaryRecords.encode(new LabelledTensor(sampleLabel(), shape, floats(n), "x" + random.nextInt())));
    }

    private Bad nonFiniteFeature() {
        float[] v = floats(featureDimension);
        v[random.nextInt(v.length)] = nonFinite();
        String label = featureLabel();
        return new Bad(
                "non-finite", utf8(label), raw(BinaryRecords.KIND_FEATURE, 1, utf8(label), new int[] {v.length}, v));
    }

    private Bad nonFiniteSample() {
        float[] v = floats(sampleLength);
        v[random.nextInt(v.length)] = nonFinite();
        return new Bad(
                "non-finite", null, raw(BinaryRecords.KIND_SAMPLE, -1, utf8(sampleLabel()), new int[] {v.length}, v));
    }

    private float nonFinite() {
        return switch (random.nextInt(3)) {
            case 0 -> Float.NaN;
            case 1 -> Float.POSITIVE_INFINITY;
            default -> Float.NEGATIVE_INFINITY;
        };
    }

    private Bad jsonNonFinite(boolean feature) {
        String value =
                List.of("NaN", "Infinity", "-Infinity", "1e39", "-3.5e38").get(random.nextInt(5));
        int n = feature ? featureDimension : sampleLength;
        StringBuilder b = new StringBuilder("{\"label\": \"")
                .append(feature ? featureLabel() : sampleLabel())
                .append("\", \"")
                .append(feature ? "features" : "data")
                .append("\": [");
        int bad = random.nextInt(n);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ", ").append(i == bad ? value : "0.5");
        }
        return new Bad("json-non-finite", null, utf8(b.append("]}").toString()));
    }

    private Bad emptyLabel(byte kind) {
        boolean feature = kind == BinaryRecords.KIND_FEATURE;
        int n = feature ? featureDimension : sampleLength;
        return switch (random.nextInt(3)) {
            case 0 -> new Bad("empty-label", null, raw(kind, feature ? 1 : -1, new byte[0], new int[] {n}, floats(n)));
            case 1 -> new Bad("blank-label", null, raw(kind, feature ? 1 : -1, utf8("   "), new int[] {n}, floats(n)));
            default ->
                new Bad(
                        "json-empty-label",
                        null,
                        utf8("{\"label\": \"\", \"" + (feature ? "features" : "data") + "\": [1, 2]}"));
        };
    }

    private Bad hugeLabel(byte kind) {
        boolean feature = kind == BinaryRecords.KIND_FEATURE;
        int n = feature ? featureDimension : sampleLength;
        return switch (random.nextInt(3)) {
            case 0 ->
                new Bad(
                        "huge-label",
                        null,
                        raw(
                                kind,
                                feature ? 1 : -1,
                                utf8("L".repeat(257 + random.nextInt(3000))),
                                new int[] {n},
                                floats(n)));
            case 1 -> {
                // A header that declares a 65535-byte label and ends soon after.
                byte[] b = raw(kind, feature ? 1 : -1, utf8("abc"), new int[] {n}, floats(n));
                b[4] = (byte) 0xff;
                b[5] = (byte) 0xff;
                yield new Bad("declared-huge-label", null, b);
            }
            default ->
                new Bad(
                        "json-huge-label",
                        null,
                        utf8("{\"label\": \"" + "x".repeat(100_000) + "\", \"" + (feature ? "features" : "data")
                                + "\": [1, 2]}"));
        };
    }

    private Bad invalidUtf8Label(byte kind) {
        boolean feature = kind == BinaryRecords.KIND_FEATURE;
        int n = feature ? featureDimension : sampleLength;
        return new Bad(
                "non-utf8-label",
                null,
                raw(kind, feature ? 1 : -1, new byte[] {'c', (byte) 0xc3, (byte) 0x28}, new int[] {n}, floats(n)));
    }

    private Bad unsupportedVersion(byte[] valid) {
        byte[] b = valid.clone();
        b[2] = (byte) (2 + random.nextInt(250));
        return new Bad("unsupported-version", null, b);
    }

    private Bad hostileJson(boolean feature) {
        String field = feature ? "features" : "data";
        String label = feature ? featureLabel() : sampleLabel();
        String json = switch (random.nextInt(9)) {
            case 0 -> "{";
            case 1 -> "{}";
            case 2 -> "{\"label\": \"" + label + "\"}";
            case 3 -> "{\"label\": \"" + label + "\", \"" + field + "\": \"not numbers\"}";
            case 4 ->
                "{\"label\": \"" + label + "\", \"" + field + "\": " + "[".repeat(5000) + "1" + "]".repeat(5000) + "}";
            case 5 -> "{\"label\": \"" + label + "\", \"" + field + "\": [" + "9".repeat(50_000) + "]}";
            case 6 -> "{\"label\": [\"" + label + "\"], \"" + field + "\": [1, 2]}";
            case 7 -> "{\"label\": \"" + label + "\", \"" + field + "\": [1, 2], \"shape\": [-4, 2]}";
            default -> "  \n{\"label\": null, \"" + field + "\": null}";
        };
        return new Bad("hostile-json", null, utf8(json));
    }

    private Bad labelMismatch() {
        String valueLabel = featureLabel();
        String keyLabel;
        do {
            keyLabel = featureLabel();
        } while (keyLabel.equals(valueLabel) && featureLabels.size() > 1);
        if (keyLabel.equals(valueLabel)) {
            keyLabel = valueLabel + "-other";
        }
        return new Bad("label-mismatch", utf8(keyLabel), goodFeatureOf(valueLabel));
    }

    // ---- building blocks ----

    private byte[] goodFeature() {
        return goodFeatureOf(featureLabel());
    }

    private byte[] goodFeatureOf(String label) {
        return BinaryRecords.encode(new FeatureVector(label, floats(featureDimension), 1, ""));
    }

    private byte[] goodSample() {
        return BinaryRecords.encode(new LabelledTensor(
                sampleLabel(), new int[] {sampleLength}, floats(sampleLength), "g" + random.nextInt()));
    }

    private byte[] featureKey() {
        return random.nextBoolean() ? null : utf8(featureLabel());
    }

    private String featureLabel() {
        return featureLabels.get(random.nextInt(featureLabels.size()));
    }

    private String sampleLabel() {
        return sampleLabels.get(random.nextInt(sampleLabels.size()));
    }

    private float[] floats(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * The binary layout written field by field, whatever the values (README "Binary layout"):
     * magic, version 1, kind, label, model version, empty sample id, rank, shape, float32 values.
     */
    static byte[] raw(byte kind, long modelVersion, byte[] label, int[] shape, float[] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
        head.put(BinaryRecords.MAGIC_0)
                .put(BinaryRecords.MAGIC_1)
                .put(BinaryRecords.FORMAT_VERSION)
                .put(kind)
                .putShort((short) label.length);
        out.writeBytes(head.array());
        out.writeBytes(label);
        ByteBuffer mid = ByteBuffer.allocate(8 + 2 + 1 + 4 * shape.length + 4 * values.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        mid.putLong(modelVersion).putShort((short) 0).put((byte) shape.length);
        for (int s : shape) {
            mid.putInt(s);
        }
        for (float v : values) {
            mid.putFloat(v);
        }
        out.writeBytes(mid.array());
        return out.toByteArray();
    }
}
