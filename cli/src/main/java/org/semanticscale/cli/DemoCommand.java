package org.semanticscale.cli;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
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
            "long-tail profile in which one class (Shirt) starves for a while and comes back.",
            "",
            "Per class: window size, S', S'n, S, DSB weight, status (UNDERREPRESENTED / SATURATED / ok) and",
            "prequential accuracy; on top the trainer's stage and the run's progress. Both apps serve /metrics.",
            "Ends by itself with a summary, or on Ctrl-C, and leaves nothing running."
        })
public final class DemoCommand implements Callable<Integer> {

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
            defaultValue = "drift:exp:10/6@0.4-0.7",
            paramLabel = "P",
            description =
                    "Replay profile (default: ${DEFAULT-VALUE}: class 6, Shirt, starves from 40 %% to 70 %% of the stream).")
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
                Duration.ofSeconds(30));
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
