package org.semanticscale.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.semanticscale.dataset.CsvVectors;
import org.semanticscale.dataset.IdxFiles;
import org.semanticscale.dataset.LabelledVectors;

/**
 * A labelled data set with its training and test parts, named on the command line as
 * {@code fashion-mnist}, {@code idx:IMAGES,LABELS[,TEST_IMAGES,TEST_LABELS]} or {@code csv:FILE}.
 * Without test files a stratified fraction of each class is held out, the same for a given seed.
 */
public record LabelledDataset(String name, LabelledVectors train, LabelledVectors test) {
    /** Where Debian's {@code dataset-fashion-mnist} package puts the IDX files. */
    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** Fashion-MNIST's class names, by label. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Loads a data set by its command-line name. */
    public static LabelledDataset load(String spec, double testFraction, long seed) throws IOException {
        if (spec.equals("fashion-mnist")) {
            return fashionMnist(FASHION_MNIST_DIR);
        }
        if (spec.startsWith("idx:")) {
            String[] files = spec.substring(4).split(",");
            if (files.length != 2 && files.length != 4) {
                throw new IllegalArgumentException(
                        "idx data set needs IMAGES,LABELS or IMAGES,LABELS,TEST_IMAGES,TEST_LABELS, got '" + spec
                                + "'");
            }
            LabelledVectors train = IdxFiles.read(existing(files[0]), existing(files[1]));
            if (files.length == 4) {
                return new LabelledDataset(spec, train, IdxFiles.read(existing(files[2]), existing(files[3])));
            }
            return split(spec, train, testFraction, seed);
        }
        if (spec.startsWith("csv:")) {
            return split(spec, CsvVectors.read(existing(spec.substring(4))), testFraction, seed);
        }
        throw new IllegalArgumentException("unknown data set '" + spec
                + "': use fashion-mnist, idx:IMAGES,LABELS[,TEST_IMAGES,TEST_LABELS] or csv:FILE");
    }

    /** Fashion-MNIST from a directory of the four gzipped IDX files. */
    public static LabelledDataset fashionMnist(Path dir) throws IOException {
        Path trainImages = dir.resolve("train-images-idx3-ubyte.gz");
        if (!Files.isRegularFile(trainImages)) {
            throw new java.nio.file.NoSuchFileException(
                    trainImages.toString(),
                    null,
                    "Fashion-MNIST is not installed; install it with: apt-get install dataset-fashion-mnist");
        }
        return new LabelledDataset(
                "fashion-mnist",
                IdxFiles.read(trainImages, dir.resolve("train-labels-idx1-ubyte.gz")),
                IdxFiles.read(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz")));
    }

    /** Holds out {@code fraction} of each class (at least one sample when the class has two), seeded. */
    static LabelledDataset split(String name, LabelledVectors all, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("--test-fraction must be in (0, 1), was " + fraction);
        }
        Map<String, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < all.size(); i++) {
            byClass.computeIfAbsent(all.label(i), l -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> rows : byClass.values()) {
            java.util.Collections.shuffle(rows, random);
            int held = rows.size() < 2 ? 0 : Math.max(1, (int) Math.round(rows.size() * fraction));
            test.addAll(rows.subList(0, held));
            train.addAll(rows.subList(held, rows.size()));
        }
        java.util.Collections.sort(train);
        java.util.Collections.sort(test);
        return new LabelledDataset(name, all.subset(train), all.subset(test));
    }

    private static Path existing(String file) throws java.nio.file.NoSuchFileException {
        Path p = Path.of(file.trim());
        if (!Files.isRegularFile(p)) {
            throw new java.nio.file.NoSuchFileException(p.toString(), null, "no such file");
        }
        return p;
    }

    /** A display name for a label: Fashion-MNIST's class names, else the label itself. */
    public String displayName(String label) {
        if (name.equals("fashion-mnist")) {
            try {
                return FASHION_MNIST_CLASSES.get(Integer.parseInt(label));
            } catch (RuntimeException e) {
                return label;
            }
        }
        return label;
    }
}
