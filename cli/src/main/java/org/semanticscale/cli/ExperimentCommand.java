package org.semanticscale.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.semanticscale.cli.experiment.Experiment;
import org.semanticscale.cli.experiment.ExperimentReport;
import org.semanticscale.cli.experiment.ExperimentResults;
import org.semanticscale.cli.experiment.ExperimentSettings;
import org.semanticscale.cli.experiment.Method;
import org.semanticscale.cli.experiment.MethodCatalogue;
import org.semanticscale.dataset.DatasetFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ssi experiment}: trains several methods on the same stream through the pipeline and compares them. */
@Command(
        name = "experiment",
        mixinStandardHelpOptions = true,
        description = {
            "Reproduces the paper on real data: trains each method on the same replayed stream through the whole pipeline",
            "(a fresh in-process Kafka broker per method, the streams-app, the trainer; DSB weights come from the streamed",
            "scales), evaluates each final model on the balanced test set, and writes DIR/results.json, DIR/results.md and",
            "PNG plots: per-class, head / middle / tail (thirds of the classes by training samples), overall, balanced and",
            "worst-class accuracy; S' and S per class from the trained model's features of the streamed training samples;",
            "Pearson and Spearman correlations of per-class accuracy with N, S' and S; the marginal-effect curve; wall time.",
            "",
            "With --seeds 1,2,3 every method runs once per seed (the same stream for every method of a seed): each figure",
            "is given per seed and as mean ± sd, and each method's accuracies minus the baseline's (ce, else the first",
            "method), seed by seed, with the mean difference and its 95 %% t-interval. --focus adds a group of classes'",
            "accuracy, and their streamed S' and DSB weight against the other classes' in both views (the model's",
            "features and the raw samples), with the seconds from a collapse's start to each view's first alert.",
            "",
            "Stages are sized from the stream: FILL for --fill-epochs, REFRESH for --refresh-epochs more (the paper's",
            "n = 5), then BALANCE. The streams-app's windows hold one epoch of features (span = one epoch at --rate).",
            "Progress goes to standard error, the accuracy table to standard output.",
            "",
            "Methods: ce, focal, ldam, bs (balanced softmax), nsm (NormSoftmax), st (SoftTriple), each plain, with",
            "Class-Balanced weights (cb-ce, ...), with DSB weights from the scales of the model's features (dsb-ce, ...)",
            "or with DSB weights from the scales of the raw samples, the input view (dsb-input-ce, ...)."
        })
public final class ExperimentCommand implements Callable<Integer> {
    /** Replay rates the trainer keeps up with on 2 cores while the streams-app and broker run beside it. */
    static final double MLP_RATE = 2000;

    static final double CNN_RATE = 800;

    /** The seed without --seed or --seeds. */
    static final long DEFAULT_SEED = 1;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--dataset",
            defaultValue = "fashion-mnist",
            paramLabel = "D",
            description =
                    "fashion-mnist (apt-get install dataset-fashion-mnist), idx:IMAGES,LABELS[,TEST_IMAGES,TEST_LABELS] or csv:FILE (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(
            names = "--profile",
            defaultValue = "exp:100",
            paramLabel = "P",
            description =
                    "Class profile (default: ${DEFAULT-VALUE}): balanced; exp:IF (exponential long tail, imbalance"
                            + " factor IF); counts:n0,n1,... (exactly these per class); drift:BASE/LABEL[@FROM[-TO]] (BASE, with"
                            + " class LABEL silent between those fractions of the stream); narrow:BASE/LABEL[+LABEL...]:K[@FROM[-TO]]"
                            + " (BASE's counts, but the listed classes drawn from only K of their samples, for the whole stream"
                            + " or between those fractions). They compose, e.g. narrow:balanced/0+4+8:20.")
    String profile;

    @Option(
            names = "--methods",
            defaultValue = "ce,cb-ce,dsb-ce",
            paramLabel = "LIST",
            description = "Comma-separated methods, run in this order (default: ${DEFAULT-VALUE}).")
    String methods;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR",
            description = "Directory for results.json, results.md and the plots.")
    Path output;

    @Option(
            names = "--seeds",
            split = ",",
            paramLabel = "LIST",
            description = "Seeds, comma-separated: every method runs once per seed; a seed fixes the stream and the "
                    + "models' initialisation, the same for every method (default: " + DEFAULT_SEED + ").")
    List<Long> seeds;

    @Option(names = "--seed", paramLabel = "S", description = "One seed: the same as --seeds S.")
    Long seed;

    @Option(
            names = "--focus",
            split = ",",
            paramLabel = "LABELS",
            description = "Classes to follow as a group, e.g. 0,4,8 (the narrowed classes of a narrow: profile): "
                    + "their mean accuracy (and its paired difference from the baseline), Pearson's r of per-class "
                    + "accuracy with the streamed S, and in each view (model: the trainer's features; input: the raw "
                    + "samples) their mean streamed S' over the other classes' median (with the others' least and "
                    + "greatest over it), their mean DSB weight over the others' mean, and, when the profile narrows "
                    + "them from @FROM, the seconds from then to the view's first alert of one of them.")
    List<String> focus = new ArrayList<>();

    @Option(
            names = "--epochs",
            defaultValue = "12",
            paramLabel = "E",
            description = "Passes over the selected samples (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--model",
            defaultValue = "mlp",
            paramLabel = "mlp|cnn",
            description = "The network (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = "--rate",
            paramLabel = "R",
            description = "Samples per second the replay sends; 0 = as fast as possible, which needs --window-span "
                    + "(default: " + (int) MLP_RATE + " for the mlp, " + (int) CNN_RATE + " for the cnn).")
    Double rate;

    @Option(
            names = "--window-span",
            paramLabel = "D",
            converter = DurationConverter.class,
            description = "The streams-app's window span, e.g. 8s (default: one epoch at --rate).")
    Duration windowSpan;

    @Option(
            names = "--window-cap",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "The streams-app's vectors per class at most; 0 = the largest class's samples per epoch (default: ${DEFAULT-VALUE}).")
    int windowCap;

    @Option(
            names = "--fill-epochs",
            defaultValue = "1",
            paramLabel = "F",
            description = "Epochs of stage FILL (default: ${DEFAULT-VALUE}).")
    double fillEpochs;

    @Option(
            names = "--refresh-epochs",
            defaultValue = "4",
            paramLabel = "R",
            description =
                    "Epochs of stage REFRESH after FILL; BALANCE follows (default: ${DEFAULT-VALUE}: BALANCE from epoch 6).")
    double refreshEpochs;

    @Option(
            names = "--alpha",
            defaultValue = "2.0",
            paramLabel = "A",
            description =
                    "alpha of W = log2(alpha + W'), streamed and offline (default: ${DEFAULT-VALUE}, for long-tailed data).")
    double alpha;

    @Option(
            names = "--test-fraction",
            defaultValue = "0.2",
            paramLabel = "F",
            description = "Held out per class when the data set has no test files (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(
            names = "--trainer-set",
            paramLabel = "KEY=VALUE",
            description =
                    "A trainer setting for every method, e.g. learning.rate=0.002 (see config/trainer.properties); repeatable.")
    Map<String, String> trainerOverrides = new LinkedHashMap<>();

    @Option(
            names = "--streams-set",
            paramLabel = "KEY=VALUE",
            description =
                    "A streams-app setting for every method, e.g. scale.min-samples=8 (see config/streams-app.properties); repeatable.")
    Map<String, String> streamsOverrides = new LinkedHashMap<>();

    @Option(names = "--verbose", description = "Also show the broker's, streams-app's and trainer's own logs.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExperimentSettings settings;
        try {
            if (seed != null && seeds != null) {
                throw new IllegalArgumentException("give --seed or --seeds, not both");
            }
            List<Long> chosenSeeds = seeds != null ? seeds : List.of(seed != null ? seed : DEFAULT_SEED);
            List<Method> chosen = MethodCatalogue.parse(methods);
            double r = rate != null ? rate : model.equals("cnn") ? CNN_RATE : MLP_RATE;
            settings = new ExperimentSettings(
                    dataset,
                    profile,
                    chosen,
                    chosenSeeds,
                    epochs,
                    model,
                    r,
                    windowSpan,
                    windowCap,
                    fillEpochs,
                    refreshEpochs,
                    alpha,
                    testFraction,
                    trainerOverrides,
                    streamsOverrides,
                    focus,
                    output,
                    commandLine());
        } catch (IllegalArgumentException e) {
            err.println("ssi experiment: " + e.getMessage());
            return 2;
        }
        if (!verbose) {
            quietParts();
        }
        long start = System.nanoTime();
        ExperimentResults results;
        try {
            results = new Experiment(settings, line -> {
                        err.println("ssi experiment: " + line);
                        err.flush();
                    })
                    .run();
        } catch (NoSuchFileException e) {
            err.println(
                    "ssi experiment: " + e.getFile() + ": " + (e.getReason() == null ? "no such file" : e.getReason()));
            return 2;
        } catch (DatasetFormatException | IllegalArgumentException e) {
            err.println("ssi experiment: " + e.getMessage());
            return 2;
        } catch (IOException | IllegalStateException e) {
            err.println("ssi experiment: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("ssi experiment: interrupted");
            return 1;
        }
        try {
            List<Path> files = ExperimentReport.write(results, output);
            err.printf(
                    "ssi experiment: done in %.0f s; wrote %s%n",
                    (System.nanoTime() - start) / 1e9,
                    String.join(", ", files.stream().map(Path::toString).toList()));
        } catch (IOException e) {
            err.println("ssi experiment: cannot write the results to " + output + ": " + e.getMessage());
            return 1;
        }
        out.print(ExperimentReport.summary(results));
        out.flush();
        if (!results.failures().isEmpty()) {
            err.println("ssi experiment: failed: " + String.join("; ", results.failures()));
            return 1;
        }
        return 0;
    }

    /**
     * Keeps the parts' informational logs (five apps' worth per method) out of the progress lines; warnings
     * of the parts and errors of Kafka and DJL still show. slf4j-simple reads a logger's level when the
     * logger is created, which for the parts is after this.
     */
    private static void quietParts() {
        System.setProperty("org.slf4j.simpleLogger.log.org.semanticscale", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        System.setProperty("org.slf4j.simpleLogger.log.kafka", "error");
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "error");
    }

    /** The command as typed, for the report. */
    private String commandLine() {
        return "ssi " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
