package org.semanticscale.reliability.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.semanticscale.testkit.ChildProcess;

/**
 * The {@code ssi} command in a child JVM ({@link ChildProcess}), started from this test classpath the
 * way the {@code ./ssi} launcher starts it (Vector API module, DJL offline, one PyTorch thread,
 * OPT_OUT_TRACKING), so that a SIGKILL of it is real.
 */
public final class AppProcess {
    private static final Pattern METRICS_URL = Pattern.compile("metrics on http://([^:/\\s]+):(\\d+)/metrics");

    private AppProcess() {}

    /** A child JVM of {@code ssi} with these arguments and a 768 MB heap (replace it with {@code jvm("-Xmx...")}). */
    public static ChildProcess.Builder ssi(String name, Path log, String... args) {
        return ChildProcess.java(name, log, "org.semanticscale.cli.SsiCommand", List.of(args))
                .shownAs("ssi")
                .jvm(
                        "--add-modules",
                        "jdk.incubator.vector",
                        "-XX:MaxDirectMemorySize=1g",
                        "-Dai.djl.offline=true",
                        "-Dai.djl.pytorch.num_threads=1",
                        "-Xmx768m")
                // Only what the test chooses: no KAFKA_BOOTSTRAP_SERVERS or SSI_* from the machine running the build.
                .withoutEnv("SSI_", "KAFKA_")
                .env("OPT_OUT_TRACKING", "true");
    }

    /**
     * {@code ssi COMMAND --config FILE} run in {@code dir}: the settings are written to
     * {@code dir/NAME.properties} and the output goes to {@code logs/NAME.log}.
     */
    public static ChildProcess.Builder configured(
            String name, String command, Map<String, String> settings, Path dir, Path logs) throws IOException {
        Path config = Configs.write(dir.resolve(name + ".properties"), settings);
        return ssi(name, logs.resolve(name + ".log"), command, "--config", config.toString())
                .workDir(dir);
    }

    /** The port of the /metrics endpoint the app announced in its log, after {@code from} characters. */
    public static int metricsPort(ChildProcess app, int from, Duration timeout) throws Exception {
        return Integer.parseInt(
                app.awaitLog(METRICS_URL.pattern(), from, timeout).group(2));
    }
}
