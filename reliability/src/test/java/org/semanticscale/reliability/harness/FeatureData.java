package org.semanticscale.reliability.harness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.FeatureVector;

/**
 * A seeded, long-tailed stream of feature vectors for the streams-app: class {@code c0} is the most
 * frequent, each later class rarer; the first half are wide clouds and the second half narrow ones,
 * so the tail ends up well below the alert threshold and the head well above the recovery level (no class sits in the hysteresis
 * band, where the final alert state would depend on the path). Every vector has a fixed event time,
 * so two runs over the same records build the same windows.
 */
public final class FeatureData {
    /** Spread of the first half of the classes: wide clouds, S / max S near 1. */
    static final double HEAD_SPREAD = 1.0;
    /** Spread of the second half: narrow clouds, S / max S near 0.2, far below the alert threshold. */
    static final double TAIL_SPREAD = 0.2;
    /** One vector as sent: key = label, binary layout, event time. */
    public record Vector(String label, float[] values, long timestamp) {
        public byte[] key() {
            return label.getBytes(StandardCharsets.UTF_8);
        }

        public byte[] value() {
            return BinaryRecords.encode(new FeatureVector(label, values, 1, ""));
        }

        public ProducerRecord<byte[], byte[]> record(String topic) {
            return new ProducerRecord<>(topic, null, timestamp, key(), value());
        }
    }

    private FeatureData() {}

    /**
     * {@code total} vectors of {@code classes} classes; class i is drawn with weight
     * {@code 10^(-i/(C-1))} and spreads {@link #HEAD_SPREAD} or {@link #TAIL_SPREAD} around its own centre.
     *
     * @param firstTimestamp event time of the first vector; each next one is 1 ms later
     */
    public static List<Vector> longTail(int classes, int dimension, int total, long firstTimestamp, long seed) {
        Random r = new Random(seed);
        double[] cumulative = new double[classes];
        double sum = 0;
        for (int i = 0; i < classes; i++) {
            sum += Math.pow(10, -(double) i / (classes - 1));
            cumulative[i] = sum;
        }
        float[][] centres = new float[classes][dimension];
        for (float[] c : centres) {
            for (int k = 0; k < dimension; k++) {
                c[k] = (float) (4 * r.nextGaussian());
            }
        }
        List<Vector> out = new ArrayList<>(total);
        for (int n = 0; n < total; n++) {
            double u = r.nextDouble() * sum;
            int c = 0;
            while (cumulative[c] < u) {
                c++;
            }
            // Every class appears among the first C vectors, so each has a window early on.
            if (n < classes) {
                c = n;
            }
            double spread = c < classes / 2 ? HEAD_SPREAD : TAIL_SPREAD;
            float[] v = new float[dimension];
            for (int k = 0; k < dimension; k++) {
                v[k] = (float) (centres[c][k] + spread * r.nextGaussian());
            }
            out.add(new Vector("c" + c, v, firstTimestamp + n));
        }
        return out;
    }

    /** Vectors per class, in the order given. */
    public static Map<String, List<float[]>> byClass(List<Vector> vectors) {
        Map<String, List<float[]>> out = new LinkedHashMap<>();
        for (Vector v : vectors) {
            out.computeIfAbsent(v.label(), l -> new ArrayList<>()).add(v.values());
        }
        return out;
    }

    /** Sends every vector and waits for the broker to take them all. */
    public static void produce(KafkaProducer<byte[], byte[]> producer, String topic, List<Vector> vectors) {
        for (Vector v : vectors) {
            producer.send(v.record(topic));
        }
        producer.flush();
    }
}
