package org.semanticscale.trainer.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.semanticscale.dataset.IdxFiles;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.trainer.evaluation.HeldOutSet;

/**
 * The Fashion-MNIST IDX files the tests use, from the directory in the system property
 * {@code ssi.fashion-mnist.dir} (default {@value #DEFAULT_DIR}, where the Debian package puts them).
 */
final class FashionMnist {
    static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";

    private FashionMnist() {}

    static Path dir() {
        return Path.of(System.getProperty("ssi.fashion-mnist.dir", DEFAULT_DIR));
    }

    static Path trainImages() {
        return dir().resolve("train-images-idx3-ubyte.gz");
    }

    static Path trainLabels() {
        return dir().resolve("train-labels-idx1-ubyte.gz");
    }

    static Path testImages() {
        return dir().resolve("t10k-images-idx3-ubyte.gz");
    }

    static Path testLabels() {
        return dir().resolve("t10k-labels-idx1-ubyte.gz");
    }

    /** The 60,000 training images, or an error that says how to get them. */
    static LabelledVectors train() throws IOException {
        for (Path p : new Path[] {trainImages(), trainLabels()}) {
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(
                        p.toString(),
                        null,
                        "no such file; " + HeldOutSet.FASHION_MNIST_HINT + " (or set -Dssi.fashion-mnist.dir)");
            }
        }
        return IdxFiles.read(trainImages(), trainLabels());
    }
}
