package org.semanticscale.cli;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.semanticscale.config.ConfigException;
import org.semanticscale.config.Settings;
import org.semanticscale.streams.StreamsApp;
import org.semanticscale.streams.StreamsAppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ssi streams}: the Kafka Streams app that publishes semantic scales, weights and alerts. */
@Command(
        name = "streams",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the streams-app: per-class sliding windows of feature vectors that publish semantic scales,",
            "loss weights and imbalance alerts.",
            "",
            "Reads ssi.features, writes ssi.scales, ssi.alerts and ssi.dead-letters (names configurable), serves",
            "/metrics and /health. Runs until SIGTERM or Ctrl-C. Settings: config/streams-app.properties."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:stopped on request",
            "1:the app failed (see the log)",
            "2:bad configuration, an existing topic that does not fit it, or no broker"
        })
public final class StreamsCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsCommand.class);
    static final String DEFAULT_CONFIG = "config/streams-app.properties";

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        StreamsAppConfig config;
        Path file = options.file(DEFAULT_CONFIG);
        try {
            Settings settings = StreamsAppConfig.settings(file, System.getenv(), options.overrides());
            config = StreamsAppConfig.from(settings);
            LOG.info("configuration ({}): {}", file == null ? "defaults" : file, settings.redacted());
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("ssi streams: " + e.getMessage());
            return 2;
        } catch (NoSuchFileException e) {
            spec.commandLine().getErr().println("ssi streams: configuration file " + e.getFile() + " not found");
            return 2;
        }
        StreamsApp app;
        try {
            app = StreamsApp.start(config);
        } catch (ConfigException | IllegalStateException e) {
            // No broker, a refusal, replication settings that cannot hold on this cluster, or an existing topic
            // that does not fit the configuration (TopicMismatchException): each message says what to fix.
            spec.commandLine().getErr().println("ssi streams: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            stopped.countDown();
                        },
                        "streams-shutdown"));
        while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            if (!app.isAlive()) {
                spec.commandLine()
                        .getErr()
                        .println("ssi streams: stopped: " + (app.failure() == null ? app.state() : app.failure()));
                return 1;
            }
        }
        return 0;
    }
}
