package org.semanticscale.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in this JVM, in KRaft combined mode (broker and controller in one
 * node), for local work, the demo and integration tests.
 *
 * <p>Its data directory is formatted on first start and reused afterwards, so a broker restarted on
 * the same directory keeps its topics and offsets. Internal topics are sized for one node
 * (replication factor 1, min ISR 1). A temporary directory, used when none is given, is deleted on
 * {@link #close()}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String CONFIG_FILE = "ssi-broker.properties";

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private final String bootstrapServers;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path dataDir, boolean deleteOnClose, String bootstrapServers) {
        this.server = server;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.bootstrapServers = bootstrapServers;
    }

    /** Settings of the broker; {@code port} 0 picks a free port, {@code dataDir} null a temporary directory. */
    public record Options(String host, int port, Path dataDir, Map<String, String> extraConfig) {
        public Options {
            extraConfig = Map.copyOf(extraConfig);
        }

        public static Options defaults() {
            return new Options("127.0.0.1", 0, null, Map.of());
        }

        public Options withPort(int p) {
            return new Options(host, p, dataDir, extraConfig);
        }

        public Options withDataDir(Path d) {
            return new Options(host, port, d, extraConfig);
        }

        public Options withConfig(Map<String, String> extra) {
            Map<String, String> all = new TreeMap<>(extraConfig);
            all.putAll(extra);
            return new Options(host, port, dataDir, all);
        }
    }

    /** A broker on a free port with a temporary data directory. */
    public static EmbeddedKafkaBroker start() throws IOException {
        return start(Options.defaults());
    }

    /** Formats the data directory if new, starts the broker and waits until it answers. */
    public static EmbeddedKafkaBroker start(Options options) throws IOException {
        boolean temporary = options.dataDir() == null;
        Path dataDir = temporary ? Files.createTempDirectory("ssi-broker-") : options.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        int port = options.port() == 0 ? freePort() : options.port();
        int controllerPort = freePort();
        Map<String, String> config = brokerConfig(options.host(), port, controllerPort, dataDir.resolve("logs"));
        config.putAll(options.extraConfig());
        Path configFile = dataDir.resolve(CONFIG_FILE);
        writeProperties(configFile, config);
        if (Files.notExists(dataDir.resolve("logs").resolve("meta.properties"))) {
            format(dataDir, configFile);
        }

        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        server.startup();
        String bootstrap = options.host() + ":" + port;
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, dataDir, temporary, bootstrap);
        try {
            broker.awaitReady(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        LOG.info("Kafka broker ready on {} (data in {})", bootstrap, dataDir);
        return broker;
    }

    /** host:port for clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker and waits for it; deletes a temporary data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (deleteOnClose) {
                deleteRecursively(dataDir);
            }
        }
        LOG.info("Kafka broker on {} stopped", bootstrapServers);
    }

    static Map<String, String> brokerConfig(String host, int port, int controllerPort, Path logDir) {
        Map<String, String> c = new TreeMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", "1");
        c.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        c.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        c.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        c.put("controller.listener.names", "CONTROLLER");
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        c.put("log.dirs", logDir.toString());
        // One node: every internal topic has one replica and needs one in sync.
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "5");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("transaction.state.log.num.partitions", "5");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("min.insync.replicas", "1");
        c.put("default.replication.factor", "1");
        // Small machines: a 2 MiB log cleaner buffer instead of 128 MiB, no initial rebalance delay.
        c.put("log.cleaner.dedupe.buffer.size", "2097152");
        c.put("group.initial.rebalance.delay.ms", "0");
        c.put("num.network.threads", "2");
        c.put("num.io.threads", "4");
        return c;
    }

    /** Writes the storage metadata of a new node, as {@code kafka-storage.sh format} does. */
    private static void format(Path dataDir, Path configFile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = {"format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString()};
        int status;
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(args, ps);
        } catch (RuntimeException e) {
            throw new IOException("cannot format the broker's data directory " + dataDir + ": " + e.getMessage(), e);
        }
        if (status != 0) {
            throw new IOException("cannot format the broker's data directory " + dataDir + ": " + out.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady(Duration timeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(p)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the broker on " + bootstrapServers + " did not become ready within "
                                + timeout.toSeconds() + " s: " + e.getMessage(), e);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker on " + bootstrapServers + " reported no nodes within "
                            + timeout.toSeconds() + " s");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    private static void writeProperties(Path file, Map<String, String> config) throws IOException {
        Properties p = new Properties();
        p.putAll(config);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "written by ssi broker on each start");
        }
    }

    /** A port free at the time of asking. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
