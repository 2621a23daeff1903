package org.semanticscale.benchmarks.streams;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.semanticscale.broker.EmbeddedKafkaBroker;

/**
 * A Kafka broker in its own JVM, so the benchmark measures the streams JVM alone (docs/benchmarks.md,
 * 'Anchors': CPU in the streams JVM is the limit; a broker in the same JVM costs another 10-20 %).
 */
final class BrokerProcess implements AutoCloseable {
    private final Process process;
    private final String bootstrap;

    private BrokerProcess(Process process, String bootstrap) {
        this.process = process;
        this.bootstrap = bootstrap;
    }

    static BrokerProcess start() throws IOException, InterruptedException {
        return start(Map.of());
    }

    /** A broker with {@code config} on top of {@link EmbeddedKafkaBroker}'s settings. */
    static BrokerProcess start(Map<String, String> config) throws IOException, InterruptedException {
        int port = EmbeddedKafkaBroker.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                Integer.toString(port)));
        config.forEach((key, value) -> command.add(key + "=" + value));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(
                        () -> {
                            try {
                                while (out.readLine() != null) {
                                    // keep the pipe from filling up
                                }
                            } catch (IOException ignored) {
                                // broker gone
                            }
                        },
                        "broker-output");
                drain.setDaemon(true);
                drain.start();
                return new BrokerProcess(p, line.substring(6).trim());
            }
        }
        throw new IllegalStateException("the broker process exited before it was ready (exit " + p.waitFor() + ")");
    }

    String bootstrapServers() {
        return bootstrap;
    }

    /** CPU time the broker's JVM has used so far (zero where the platform does not tell). */
    Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /**
     * The child JVM: a broker on the given port with a temporary data directory, until killed; further arguments
     * are broker settings, {@code key=value}.
     */
    public static final class Main {
        private Main() {}

        public static void main(String[] args) throws Exception {
            Map<String, String> config = new HashMap<>();
            for (int i = 1; i < args.length; i++) {
                int eq = args[i].indexOf('=');
                config.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            }
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Options.defaults()
                    .withPort(Integer.parseInt(args[0]))
                    .withConfig(config));
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
            System.out.println("READY " + broker.bootstrapServers());
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
