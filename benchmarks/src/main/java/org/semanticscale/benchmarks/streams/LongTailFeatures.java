package org.semanticscale.benchmarks.streams;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.FeatureVector;

/**
 * Feature vectors of {@code classes} classes with long-tailed frequencies (class i drawn with weight
 * {@code 100^(-i/(C-1))}, docs/semantic-scale.md, 'Long-tailed profiles'), each class a Gaussian cloud around
 * its own centre; keyed by label in the binary layout (272-byte values at d = 64), as the trainer publishes
 * them.
 */
final class LongTailFeatures {
    private final int classes;
    private final int dimension;
    private final double[] cumulative;
    private final float[][] centres;

    LongTailFeatures(int classes, int dimension, double imbalanceFactor, long seed) {
        this.classes = classes;
        this.dimension = dimension;
        Random r = new Random(seed);
        cumulative = new double[classes];
        double sum = 0;
        for (int i = 0; i < classes; i++) {
            sum += classes == 1 ? 1 : Math.pow(imbalanceFactor, -(double) i / (classes - 1));
            cumulative[i] = sum;
        }
        for (int i = 0; i < classes; i++) {
            cumulative[i] /= sum;
        }
        centres = new float[classes][dimension];
        for (float[] c : centres) {
            for (int k = 0; k < dimension; k++) {
                c[k] = (float) (3 * r.nextGaussian());
            }
        }
    }

    int classes() {
        return classes;
    }

    /** A class drawn from the long tail. */
    int drawClass(Random r) {
        double u = r.nextDouble();
        int lo = 0;
        int hi = classes - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    byte[] vector(int cls, Random r) {
        float[] v = new float[dimension];
        for (int k = 0; k < dimension; k++) {
            v[k] = (float) (centres[cls][k] + r.nextGaussian());
        }
        return BinaryRecords.encode(new FeatureVector(Integer.toString(cls), v, 1, ""));
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Produces {@code n} records as fast as the broker takes them (or a fixed class when {@code fixedClass >= 0}). */
    void produce(KafkaProducer<byte[], byte[]> producer, String topic, int n, long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            int cls = drawClass(r);
            producer.send(new ProducerRecord<>(
                    topic, Integer.toString(cls).getBytes(StandardCharsets.UTF_8), vector(cls, r)));
        }
        producer.flush();
    }

    /** Produces exactly {@code perClass} records of every class, interleaved. */
    void produceBalanced(KafkaProducer<byte[], byte[]> producer, String topic, int perClass, long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < perClass; i++) {
            for (int cls = 0; cls < classes; cls++) {
                producer.send(new ProducerRecord<>(
                        topic, Integer.toString(cls).getBytes(StandardCharsets.UTF_8), vector(cls, r)));
            }
        }
        producer.flush();
    }
}
