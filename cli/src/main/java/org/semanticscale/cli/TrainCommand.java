package org.semanticscale.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.semanticscale.config.ConfigException;
import org.semanticscale.topic.TopicMismatchException;
import org.semanticscale.trainer.app.TrainerApp;
import org.semanticscale.trainer.train.TrainerConfig;
import org.semanticscale.trainer.train.TrainerStatus;
import org.semanticscale.trainer.train.TrainingLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ssi train}: the online trainer, until SIGTERM or Ctrl-C (or trainer.max-steps). */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Trains a model online from the samples topic (DJL, PyTorch engine), publishes",
            "each sample's pooled features, and re-weights the loss by the semantic scales",
            "the streams-app publishes (stages FILL, REFRESH, then BALANCE).",
            "",
            "Settings: config/trainer.properties when present (or --config FILE), then SSI_*",
            "environment variables (SSI_LOSS_TYPE sets loss.type; KAFKA_BOOTSTRAP_SERVERS),",
            "then --set and --bootstrap-servers. Resumes from the newest checkpoint in",
            "checkpoint.dir. SIGTERM or Ctrl-C stops it after a last checkpoint."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:stopped cleanly",
            "1:no broker reachable, or training failed",
            "2:bad configuration, or an existing topic that does not fit it"
        })
public final class TrainCommand implements Callable<Integer> {
    static final int EXIT_FAILED = 1;
    static final int EXIT_BAD_CONFIG = 2;
    static final String DEFAULT_CONFIG = "config/trainer.properties";
    /** How often a one-line status goes to standard error while training. */
    private static final Duration STATUS_EVERY = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        TrainerConfig config;
        try {
            config = TrainerConfig.load(options.file(DEFAULT_CONFIG), System.getenv(), options.overrides());
        } catch (NoSuchFileException e) {
            return fail(err, EXIT_BAD_CONFIG, e.getFile() + ": no such configuration file");
        } catch (IOException e) {
            return fail(err, EXIT_BAD_CONFIG, "cannot read the configuration: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // ConfigException (a bad key or value) among them.
            return fail(err, EXIT_BAD_CONFIG, e.getMessage());
        }

        TrainerApp app;
        try {
            app = TrainerApp.start(config);
        } catch (ConfigException | TopicMismatchException e) {
            // Replication settings that cannot hold on this cluster, or an existing topic that does not fit.
            return fail(err, EXIT_BAD_CONFIG, e.getMessage());
        } catch (IOException | RuntimeException e) {
            // No broker (BrokerUnreachableException), a checkpoint of another model, missing test files...
            return fail(err, EXIT_FAILED, e.getMessage());
        }
        Thread hook = new Thread(app::close, "ssi-train-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        err.printf(
                "ssi train: training from %s on %s%s; SIGTERM or Ctrl-C stops after a checkpoint%n",
                config.topics().samples(),
                config.kafka().bootstrapServers(),
                app.metricsPort() > 0
                        ? "; metrics on http://" + config.metrics().host() + ":" + app.metricsPort() + "/metrics"
                        : "");
        err.flush();
        while (!app.awaitTermination(STATUS_EVERY)) {
            err.println("ssi train: " + app.status().summary());
            err.flush();
        }
        // The loop ended: trainer.max-steps, a failure, or a stop by the shutdown hook.
        app.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook has closed the app.
        }
        TrainerStatus status = app.status();
        if (status.state() == TrainingLoop.State.FAILED) {
            return fail(err, EXIT_FAILED, "training failed: " + status.failure());
        }
        return 0;
    }

    private static int fail(PrintWriter err, int code, String message) {
        err.println("ssi train: " + message);
        err.flush();
        return code;
    }
}
