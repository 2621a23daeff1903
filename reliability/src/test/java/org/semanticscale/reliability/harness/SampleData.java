package org.semanticscale.reliability.harness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.LabelledTensor;

/**
 * Seeded labelled samples for the trainer: {@code dimension}-d inputs, class i of {@link #LABELS} a
 * Gaussian blob around 2 on axis i. Each has a unique sample id, the key of its record.
 */
public final class SampleData {
    /** The classes the tests configure the trainer with. */
    public static final List<String> LABELS = List.of("a", "b", "c", "d", "e");

    public static final String CLASSES = String.join(",", LABELS);

    /** One sample as sent. */
    public record Sample(String id, String label, float[] data) {
        public ProducerRecord<byte[], byte[]> record(String topic) {
            return new ProducerRecord<>(
                    topic,
                    id.getBytes(StandardCharsets.UTF_8),
                    BinaryRecords.encode(new LabelledTensor(label, new int[] {data.length}, data, id)));
        }
    }

    private SampleData() {}

    /** {@code n} samples, classes in turn (a, b, c, ...), ids {@code prefix + index}. */
    public static List<Sample> samples(int n, int dimension, String prefix, long seed) {
        Random r = new Random(seed);
        List<Sample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int c = i % LABELS.size();
            float[] x = new float[dimension];
            for (int k = 0; k < dimension; k++) {
                x[k] = (float) (r.nextGaussian() * 0.5 + (k == c % dimension ? 2 : 0));
            }
            out.add(new Sample(prefix + i, LABELS.get(c), x));
        }
        return out;
    }

    /** Each sample's record on {@code topic}, in order. */
    public static List<ProducerRecord<byte[], byte[]>> records(List<Sample> samples, String topic) {
        return samples.stream().map(x -> x.record(topic)).toList();
    }

    public static List<String> ids(List<Sample> samples) {
        return samples.stream().map(Sample::id).toList();
    }
}
