package org.semanticscale.testkit;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command in a child process whose standard output and error go to a log file the test reads: a
 * JVM started from this test classpath ({@link #java}), or any program ({@link #of}).
 *
 * <p>{@link #kill()} is a real crash: {@link Process#destroyForcibly()} sends SIGKILL on Linux, so no
 * shutdown hook, no last checkpoint, no transaction commit, no clean leave of a consumer group.
 * {@link #stop} sends SIGTERM ({@link Process#destroy()}), which a well-behaved program handles by
 * closing cleanly.
 */
public final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final long startNanos;
    /** Completes once the exit time below is recorded. */
    private final CompletableFuture<Void> exitRecorded;

    private volatile long exitNanos = -1;
    private volatile long exitMillis = -1;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.startNanos = System.nanoTime();
        this.exitRecorded = process.onExit().thenRun(() -> {
            exitMillis = System.currentTimeMillis();
            exitNanos = System.nanoTime();
        });
    }

    /** A program with its arguments; see {@link Builder}. */
    public static Builder of(String name, Path log, List<String> command) {
        return new Builder(
                name, log, List.copyOf(command), List.of(), command.get(0), command.subList(1, command.size()));
    }

    /**
     * A JVM running {@code mainClass} from this test's classpath, so it runs the code under test as
     * built. Add JVM options with {@link Builder#jvm}.
     */
    public static Builder java(String name, Path log, String mainClass, List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> tail = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        tail.addAll(args);
        return new Builder(name, log, List.of(java), tail, mainClass, args);
    }

    /** What a child process is started with. */
    public static final class Builder {
        private final String name;
        private final Path log;
        private final List<String> head;
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> tail;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> withoutEnvPrefixes = new ArrayList<>();
        private final List<String> args;
        private String program;
        private Path workDir;

        private Builder(
                String name, Path log, List<String> head, List<String> tail, String program, List<String> args) {
            this.name = name;
            this.log = log;
            this.head = head;
            this.tail = tail;
            this.program = program;
            this.args = List.copyOf(args);
        }

        /** How the log's first line names the program (the main class or the executable by default). */
        public Builder shownAs(String program) {
            this.program = program;
            return this;
        }

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        /** Leaves out the machine's environment variables starting with these prefixes (set ones with {@link #env}). */
        public Builder withoutEnv(String... prefixes) {
            withoutEnvPrefixes.addAll(List.of(prefixes));
            return this;
        }

        /** Adds JVM options (for {@link #java}); an -Xmx replaces an earlier one. */
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

        public ChildProcess start() throws IOException {
            List<String> command = new ArrayList<>(head);
            command.addAll(jvmArgs);
            command.addAll(tail);
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (workDir != null) {
                Files.createDirectories(workDir);
                pb.directory(workDir.toFile());
            }
            pb.environment().keySet().removeIf(k -> withoutEnvPrefixes.stream().anyMatch(k::startsWith));
            pb.environment().putAll(env);
            // The command line as ps shows it, passwords masked (a test may pass one on it, as a user could).
            String shown =
                    String.join(" ", args).replaceAll("password=\"[^\"]*\"", "password=\"[masked by the test]\"");
            Files.writeString(
                    log,
                    "### " + name + ": " + program + " " + shown + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return new ChildProcess(name, pb.start(), log);
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
            throw new IllegalStateException(
                    name + " did not stop within " + timeout.toSeconds() + " s of SIGTERM; killed. Log: " + tail(40));
        }
        return process.exitValue();
    }

    /** Waits for the process to end by itself; returns its exit status. */
    public int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still runs after " + timeout.toSeconds() + " s. Log: " + tail(40));
        }
        exitRecorded.get(10, TimeUnit.SECONDS);
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
    public Matcher awaitLog(String regex, int from, Duration timeout) throws Exception {
        Pattern p = Pattern.compile(regex);
        Matcher[] found = new Matcher[1];
        Await.until(
                name + " to log /" + regex + "/",
                timeout,
                () -> {
                    String text = log();
                    Matcher m = p.matcher(text.substring(Math.min(from, text.length())));
                    if (m.find()) {
                        found[0] = m;
                        return true;
                    }
                    if (!process.isAlive()) {
                        throw new AssertionError(name + " exited (" + process.exitValue() + ") before logging /" + regex
                                + "/. Log: " + tail(40));
                    }
                    return false;
                },
                () -> "Log: " + tail(40));
        return found[0];
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
