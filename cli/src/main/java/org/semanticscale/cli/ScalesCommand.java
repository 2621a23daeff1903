package org.semanticscale.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.semanticscale.dataset.ClassSummaries;
import org.semanticscale.dataset.DataFiles;
import org.semanticscale.dataset.DatasetFormatException;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.scale.ClassScale;
import org.semanticscale.scale.ClassSummary;
import org.semanticscale.scale.SemanticScales;
import org.semanticscale.scale.WeightNormalization;
import org.semanticscale.volume.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ssi scales}: the semantic scale of every class in a file, computed from scratch. */
@Command(
        name = "scales",
        mixinStandardHelpOptions = true,
        description = {
            "Semantic scale and loss weights of every class in a data file.",
            "",
            "Computes per class the volume S', S'/max S', the centre-distance weight W, S = S'n * W,",
            "the DSB loss weight from 1/S and the Class-Balanced weight, from scratch.",
            "Inputs: CSV (label,f1,...,fd; header optional), JSON Lines ({\"label\": ..., \"features\": [...]})",
            "or IDX images with --labels (MNIST / Fashion-MNIST, gzipped or not; pixels scaled to [0,1])."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:scales printed", "2:bad options or unreadable input (the message names the file and line)"})
public final class ScalesCommand implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = 2;

    /** How results are printed. */
    enum Output {
        TABLE,
        JSON,
        CSV
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "Data file: CSV, JSON Lines or IDX images.")
    Path input;

    @Option(names = "--labels", paramLabel = "FILE", description = "IDX labels file (...-idx1-ubyte) for IDX images.")
    Path labels;

    @Option(
            names = "--format",
            paramLabel = "csv|jsonl|idx",
            converter = FormatConverter.class,
            description = "Input format (default: from the file name and content).")
    DataFiles.Format format;

    @Option(
            names = "--alpha",
            defaultValue = "2.0",
            paramLabel = "A",
            description =
                    "alpha >= 1 in W = log2(alpha + W'): 2 for long-tailed data, 1 for balanced (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(
            names = "--weights",
            defaultValue = "sum-to-one",
            paramLabel = "sum-to-one|sum-to-classes",
            converter = NormalizationConverter.class,
            description = "Loss weight normalisation (default: ${DEFAULT-VALUE}).")
    WeightNormalization weights;

    @Option(
            names = "--beta",
            defaultValue = "0.9999",
            paramLabel = "B",
            description = "beta of the Class-Balanced weights, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(
            names = "--min-samples",
            defaultValue = "2",
            paramLabel = "N",
            description = "Classes with fewer samples get no scale (default: ${DEFAULT-VALUE}).")
    long minSamples;

    @Option(names = "--l2-normalize", description = "Scale every vector to unit length first (off in the paper).")
    boolean l2Normalize;

    @Option(
            names = "--output",
            defaultValue = "table",
            paramLabel = "table|json|csv",
            description = "Output: an aligned table, a JSON array, or CSV (default: ${DEFAULT-VALUE}).")
    Output output;

    @Option(names = "--quiet", description = "No progress lines on standard error.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        SemanticScales scales;
        try {
            scales = new SemanticScales(alpha, weights, beta, minSamples);
        } catch (IllegalArgumentException e) {
            err.println("ssi scales: " + e.getMessage());
            return EXIT_BAD_INPUT;
        }
        // Classes run in parallel on every core (ClassSummaries), so each volume gets one OpenBLAS
        // thread unless told otherwise; two threads per class would oversubscribe the cores.
        if (System.getProperty(Volume.BLAS_THREADS_PROPERTY) == null) {
            System.setProperty(Volume.BLAS_THREADS_PROPERTY, "1");
        }
        // OpenBLAS loads while the file is read (the volumes of large classes need it).
        CompletableFuture.runAsync(Volume::preloadBlas);
        LabelledVectors data;
        long start = System.nanoTime();
        try {
            data = DataFiles.read(input, labels, format);
        } catch (NoSuchFileException e) {
            err.println("ssi scales: " + e.getFile() + ": no such file");
            return EXIT_BAD_INPUT;
        } catch (DatasetFormatException e) {
            err.println("ssi scales: " + e.getMessage());
            return EXIT_BAD_INPUT;
        } catch (IOException e) {
            err.println("ssi scales: cannot read " + input + ": " + e.getMessage());
            return EXIT_BAD_INPUT;
        }
        if (l2Normalize) {
            data = data.l2Normalized();
        }
        progress(
                err,
                String.format(
                        "read %d samples of dimension %d in %d classes from %s (%.1f s)",
                        data.size(), data.dimension(), data.counts().size(), input, seconds(start)));
        List<ClassSummary> summaries = ClassSummaries.of(
                data,
                (s, millis) -> progress(
                        err,
                        String.format(
                                "class %s: %d samples, volume %.4f (%d ms)", s.label(), s.n(), s.volume(), millis)));
        List<ClassScale> result = scales.compute(summaries);
        PrintWriter out = spec.commandLine().getOut();
        switch (output) {
            case JSON -> out.println(ScaleFormats.json(result));
            case CSV -> out.print(ScaleFormats.csv(result));
            default -> out.print(ScaleFormats.table(result));
        }
        out.flush();
        progress(err, String.format("done in %.1f s", seconds(start)));
        return 0;
    }

    private void progress(PrintWriter err, String line) {
        if (!quiet) {
            err.println("ssi scales: " + line);
            err.flush();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static final class NormalizationConverter implements ITypeConverter<WeightNormalization> {
        @Override
        public WeightNormalization convert(String value) {
            return WeightNormalization.fromConfigName(value);
        }
    }

    static final class FormatConverter implements ITypeConverter<DataFiles.Format> {
        @Override
        public DataFiles.Format convert(String value) {
            return DataFiles.Format.parse(value);
        }
    }
}
