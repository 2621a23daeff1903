package org.semanticscale.trainer.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.semanticscale.dataset.CsvVectors;
import org.semanticscale.dataset.IdxFiles;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.trainer.sample.ClassIndex;
import org.semanticscale.trainer.sample.InputShape;

/**
 * Held-out test samples in the model's input layout: rows of values and their class indices.
 * Samples whose label is not a configured class are left out (and counted).
 */
public final class HeldOutSet {
    /** What to tell someone whose Fashion-MNIST files are missing. */
    public static final String FASHION_MNIST_HINT =
            "for Fashion-MNIST, 'apt-get install dataset-fashion-mnist' puts its IDX files in "
                    + "/usr/share/datasets/fashion-mnist/";

    private final float[] rows;
    private final int[] classes;
    private final int skipped;

    private HeldOutSet(float[] rows, int[] classes, int skipped) {
        this.rows = rows;
        this.classes = classes;
        this.skipped = skipped;
    }

    /** IDX images and labels (gzipped or not), as MNIST and Fashion-MNIST ship them. */
    public static HeldOutSet fromIdx(Path images, Path labels, InputShape shape, ClassIndex classIndex)
            throws IOException {
        requireFile(images);
        requireFile(labels);
        return of(IdxFiles.read(images, labels), shape, classIndex, images);
    }

    /** A CSV file of {@code label,f1,...,fd} lines. */
    public static HeldOutSet fromCsv(Path csv, InputShape shape, ClassIndex classIndex) throws IOException {
        requireFile(csv);
        return of(CsvVectors.read(csv), shape, classIndex, csv);
    }

    /** Keeps the samples of configured classes, checking that they fit the model's input. */
    public static HeldOutSet of(LabelledVectors data, InputShape shape, ClassIndex classIndex, Path source)
            throws IOException {
        if (!shape.accepts(data.sampleShape())) {
            throw new IOException(source + ": samples of shape " + Arrays.toString(data.sampleShape())
                    + " do not fit the model's input shape [" + shape + "]");
        }
        int d = data.dimension();
        float[] rows = new float[data.size() * d];
        int[] classes = new int[data.size()];
        int kept = 0;
        for (int r = 0; r < data.size(); r++) {
            int c = classIndex.indexOf(data.label(r));
            if (c < 0) {
                continue;
            }
            System.arraycopy(data.row(r), 0, rows, kept * d, d);
            classes[kept++] = c;
        }
        return new HeldOutSet(Arrays.copyOf(rows, kept * d), Arrays.copyOf(classes, kept), data.size() - kept);
    }

    private static void requireFile(Path file) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(
                    file.toString(),
                    null,
                    "no such file; " + FASHION_MNIST_HINT + ", or point the configuration at your own test files");
        }
    }

    public int size() {
        return classes.length;
    }

    /** The values of all samples, row after row. */
    public float[] rows() {
        return rows;
    }

    public int[] classes() {
        return classes;
    }

    /** Samples left out because their label is not a configured class. */
    public int skipped() {
        return skipped;
    }
}
