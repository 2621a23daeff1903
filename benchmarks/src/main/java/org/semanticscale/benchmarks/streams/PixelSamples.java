package org.semanticscale.benchmarks.streams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.semanticscale.dataset.IdxFiles;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.record.BinaryRecords;
import org.semanticscale.record.LabelledTensor;

/**
 * Labelled samples of 784 float32 values for the input view's benchmark, as {@code ssi.samples} carries them
 * (binary layout, keyed by sample id, about 3.2 KB each): Fashion-MNIST's training images (pixels in [0, 1],
 * about half of them 0) in a seeded random order when the files are there, otherwise images of 10 classes with
 * the same share of zeros, drawn at random.
 */
final class PixelSamples {
    static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    static final int LENGTH = 784;

    private final LabelledVectors images;

    private PixelSamples(LabelledVectors images) {
        this.images = images;
    }

    static PixelSamples load() throws IOException {
        Path train = FASHION_MNIST.resolve("train-images-idx3-ubyte.gz");
        if (!Files.isRegularFile(train)) {
            return new PixelSamples(null);
        }
        return new PixelSamples(IdxFiles.read(train, FASHION_MNIST.resolve("train-labels-idx1-ubyte.gz")));
    }

    /** What the samples are, for the report. */
    String source() {
        return images == null
                ? "random 28 x 28 images of 10 classes, half the pixels 0 (Fashion-MNIST not found at " + FASHION_MNIST
                        + ")"
                : "Fashion-MNIST training images from " + FASHION_MNIST;
    }

    /** Produces {@code n} samples as fast as the broker takes them. */
    void produce(KafkaProducer<byte[], byte[]> producer, String topic, int n, long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            String label;
            float[] x;
            if (images != null) {
                int row = r.nextInt(images.size());
                label = images.label(row);
                x = images.row(row);
            } else {
                int cls = r.nextInt(10);
                label = Integer.toString(cls);
                x = new float[LENGTH];
                for (int k = 0; k < LENGTH; k++) {
                    x[k] = r.nextBoolean() ? 0 : r.nextFloat() * (k % 10 == cls ? 1f : 0.5f);
                }
            }
            String id = "bench-" + seed + "-" + i;
            producer.send(new ProducerRecord<>(
                    topic,
                    id.getBytes(StandardCharsets.UTF_8),
                    BinaryRecords.encode(new LabelledTensor(label, new int[] {28, 28}, x, id))));
        }
        producer.flush();
    }
}
