package org.semanticscale.cli;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.semanticscale.cli.demo.DemoRun;
import org.semanticscale.cli.demo.DemoSummary;
import org.semanticscale.config.ConfigSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ssi demo}: the whole system in one process on Fashion-MNIST with a drifting long tail. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the whole system in one process and shows a live table: an in-process Kafka broker (unless",
            "KAFKA_BOOTSTRAP_SERVERS is set), the streams-app, the trainer, and a replay of Fashion-MNIST with a",
            "long tail in which two things go wrong: one class (Shirt) starves for a while, which counting sees,",
            "and later another class (Coat) keeps arriving at its usual rate but as near-duplicates of 20 images,",
            "which only the semantic scale sees.",
            "",
            "Per class: window count; S', its usual S' (the own-drop alert's baseline) and S in two views, the model",
            "view (the trainer's features) and the input view (a fixed projection of the raw samples, no model); the",
            "loss weight the trainer applies; prequential accuracy; the state (UNDERREPRESENTED / COLLAPSED /",
            "SATURATED / ok) with the view that raised it.",
            "Ends by itself with a summary that says, for each alert, whether the class's count had fallen",
            "(count-visible) or not (semantic-only), and writes a picture of the run (--picture). Both apps serve",
            "/metrics. Ctrl-C stops it cleanly and leaves nothing running."
        })
public final class DemoCommand implements Callable<Integer> {
    /** Shirt starves (counting sees it), then Coat collapses at its usual rate (only S sees it). */
    static final String DEFAULT_PROFILE = "narrow:drift:exp:10/6@0.2-0.45/4:20@0.55-0.85";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--duration",
            defaultValue = "150s",
            paramLabel = "D",
            converter = DurationConverter.class,
            description = "Run time, e.g. 90s or 3m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--max-samples",
            defaultValue = "0",
            paramLabel = "N",
            description = "Stop once the trainer trained this many samples, 0 = no limit (default: ${DEFAULT-VALUE}).")
    long maxSamples;

    @Option(
            names = "--dataset",
            defaultValue = "fashion-mnist",
            paramLabel = "D",
            description = "Data set (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(
            names = "--profile",
            defaultValue = DemoCommand.DEFAULT_PROFILE,
            paramLabel = "P",
            description = "Replay profile (default: ${DEFAULT-VALUE}: exp:10, with class 6, Shirt, silent from 20 %% to"
                    + " 45 %% of the stream, and class 4, Coat, drawn from the 20 images nearest one of its images from"
                    + " 55 %% to 85 %%; see ssi replay --help).")
    String profile;

    @Option(
            names = "--rate",
            defaultValue = "800",
            paramLabel = "R",
            description = "Samples per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--picture",
            defaultValue = "ssi-demo.png",
            paramLabel = "FILE",
            description = "Where to write the run's picture at the end: per class, window count, S', S and loss weight "
                    + "over time with the alert periods shaded (PNG; default: ${DEFAULT-VALUE}; 'none' for none).")
    Path picture;

    @Option(
            names = "--refresh",
            defaultValue = "2s",
            paramLabel = "T",
            converter = DurationConverter.class,
            description = "Table refresh interval (default: ${DEFAULT-VALUE}).")
    Duration refresh;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // KAFKA_BOOTSTRAP_SERVERS picks an existing Kafka; SSI_KAFKA_* carry its security settings, as for the apps.
        Map<String, String> kafka = ConfigSources.fromEnvironment(System.getenv(), Set.of());
        DemoRun.Settings settings = new DemoRun.Settings(
                dataset,
                profile,
                duration,
                maxSamples,
                rate,
                seed,
                kafka.containsKey(ConfigSources.BOOTSTRAP_KEY) ? kafka : Map.of(),
                9401,
                9402,
                Duration.ofSeconds(30),
                picture.toString().equals("none") ? null : picture);
        err.println("ssi demo: starting "
                + (settings.bootstrapServers() == null
                        ? "an in-process Kafka broker, "
                        : "on Kafka at " + settings.bootstrapServers() + ", ")
                + "the streams-app and the trainer (about 20 s)...");
        err.flush();
        DemoRun run;
        try {
            run = DemoRun.start(settings);
        } catch (NoSuchFileException e) {
            err.println("ssi demo: " + e.getFile() + ": " + (e.getReason() == null ? "missing" : e.getReason()));
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("ssi demo: " + e.getMessage());
            return 2;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Thread onSignal = new Thread(
                () -> {
                    run.stop();
                    try {
                        closed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "demo-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        DemoRun.Summary summary;
        try {
            summary = run.run(tableSink(out), refresh);
        } finally {
            err.println("ssi demo: stopping the replay, trainer, streams-app and broker...");
            err.flush();
            run.close();
            closed.countDown();
        }
        out.print(DemoSummary.render(summary, run.labels(), run.displayNames()));
        out.flush();
        try {
            Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and waits for the latch released above
        }
        return summary.reason().startsWith("a part failed") ? 1 : 0;
    }

    /** On a terminal the table is redrawn in place; otherwise it is printed every 15 s, for logs. */
    private Consumer<String> tableSink(PrintWriter out) {
        boolean terminal = System.console() != null;
        long[] lastPrint = {0};
        return table -> {
            if (terminal) {
                out.print("\033[H\033[2J" + table);
                out.flush();
            } else if (System.nanoTime() - lastPrint[0] > 15_000_000_000L) {
                lastPrint[0] = System.nanoTime();
                out.println(table);
                out.flush();
            }
        };
    }
}
