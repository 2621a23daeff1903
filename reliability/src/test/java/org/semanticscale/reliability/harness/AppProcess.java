package org.semanticscale.reliability.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ssi} command in a child JVM, started from this test classpath the way the {@code ./ssi}
 * launcher starts it (Vector API module, DJL offline, one PyTorch thread, OPT_OUT_TRACKING). Its
 * standard output and error go to a log file the tests read.
 *
 * <p>{@link #kill()} is a real crash: {@link Process#destroyForcibly()} sends SIGKILL on Linux, so no
 * shutdown hook, no last checkpoint, no transaction commit, no clean leave of the consumer group.
 * {@link #stop()} sends SIGTERM ({@link Process#destroy()}), which the apps handle by closing cleanly.
 */
public final class AppProcess implements AutoCloseable {
    private static final Pattern METRICS_URL = Pattern.compile("metrics on http://([^:/\\s]+):(\\d+)/metrics");

    private final String name;
    private final Process process;
    private final Path log;
    private final long startNanos;

    private volatile long exitNanos = -1;
    private volatile long exitMillis = -1;

    private AppProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.startNanos = System.nanoTime();
        process.onExit().thenRun(() -> {
            exitMillis = System.currentTimeMillis();
            exitNanos = System.nanoTime();
        });
    }

    /** A child JVM of {@code ssi} with these arguments; see {@link Builder}. */
    public static Builder ssi(String name, Path log, String... args) {
        return new Builder(name, log, List.of(args));
    }

    /** What a child JVM is started with. */
    public static final class Builder {
        private final String name;
        private final Path log;
        private final List<String> args;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx768m"));
        private Path workDir;

        private Builder(String name, Path log, List<String> args) {
            this.name = name;
            this.log = log;
            this.args = args;
        }

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        /** Replaces the default heap limit (768 MB) and adds JVM options. */
        public Builder jvm(String... options) {
            for (String o : options) {
                if (o.startsWith("-Xmx")) {
                    jvmArgs.removeIf(a -> a.startsWith("-Xmx"));
                }
                jvmArgs.add(o);
            }
            return this;
        }

        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        public AppProcess start() throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                    "-XX:MaxDirectMemorySize=1g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1"));
            command.addAll(jvmArgs);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.semanticscale.cli.SsiCommand"));
            command.addAll(args);
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (workDir != null) {
                Files.createDirectories(workDir);
                pb.directory(workDir.toFile());
            }
            // Only what the test chooses: no KAFKA_BOOTSTRAP_SERVERS or SSI_* from the machine running the build.
            pb.environment().keySet().removeIf(k -> k.startsWith("SSI_") || k.startsWith("KAFKA_"));
            pb.environment().put("OPT_OUT_TRACKING", "true");
            pb.environment().putAll(env);
            // The command line as ps shows it, passwords masked (a test may pass one with --set, as a user could).
            String shown = String.join(" ", args).replaceAll("password=\"[^\"]*\"", "password=\"[masked by the test]\"");
            Files.writeString(log, "### " + name + ": ssi " + shown + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new AppProcess(name, pb.start(), log);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Seconds since the process was started. */
    public double uptimeSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Seconds from the start to the exit of the process (JVM start-up included); NaN while it runs. */
    public double exitSeconds() {
        long end = exitNanos;
        return end < 0 ? Double.NaN : (end - startNanos) / 1e9;
    }

    /**
     * Seconds from the first timestamped line the process logged (its first log line: the JVM is up,
     * its classes loading) to its exit; NaN while it runs or when it logged no timestamped line.
     */
    public double loggedSecondsBeforeExit() {
        Matcher m = Pattern.compile("(?m)^(\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d) ").matcher(log());
        if (exitMillis < 0 || !m.find()) {
            return Double.NaN;
        }
        LocalTime first = LocalTime.parse(m.group(1));
        LocalTime exit = LocalTime.ofInstant(Instant.ofEpochMilli(exitMillis), ZoneId.systemDefault());
        return Duration.between(first, exit).toMillis() / 1e3;
    }

    /** SIGKILL (Process.destroyForcibly on Linux) and wait for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL for 30 s");
        }
    }

    /** SIGTERM and wait for a clean exit; returns the exit status. */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException(name + " did not stop within " + timeout.toSeconds() + " s of SIGTERM; killed. Log: "
                    + tail(40));
        }
        return process.exitValue();
    }

    /** Waits for the process to end by itself; returns its exit status. */
    public int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still runs after " + timeout.toSeconds() + " s. Log: " + tail(40));
        }
        process.onExit().get(10, TimeUnit.SECONDS); // the exit time is recorded
        Thread.sleep(10);
        return process.exitValue();
    }

    public Path logFile() {
        return log;
    }

    /** Everything the process wrote so far (all runs appended to the same file). */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + log, e);
        }
    }

    /** The last lines of the log, for failure messages. */
    public String tail(int lines) {
        String[] all = log().split("\n");
        return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    /** Waits for a line of the log matching {@code regex} (written after {@code from} characters); returns the match. */
    public Matcher awaitLog(String regex, int from, Duration timeout) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = log();
            Matcher m = p.matcher(text.substring(Math.min(from, text.length())));
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited (" + process.exitValue() + ") before logging /" + regex + "/. Log: " + tail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not log /" + regex + "/ within " + timeout.toSeconds() + " s. Log: " + tail(40));
            }
            Thread.sleep(100);
        }
    }

    /** The port of the /metrics endpoint the app announced in its log, after {@code from} characters. */
    public int metricsPort(int from, Duration timeout) throws InterruptedException {
        Matcher m = awaitLog(METRICS_URL.pattern(), from, timeout);
        return Integer.parseInt(m.group(2));
    }

    /** Characters in the log so far: a mark for {@link #awaitLog} after a restart. */
    public int logLength() {
        return log().length();
    }

    /** Kills what is left (tests end with processes they did not stop themselves). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
