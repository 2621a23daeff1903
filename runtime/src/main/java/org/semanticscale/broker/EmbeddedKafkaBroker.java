package org.semanticscale.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
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
 *
 * <p>The client listener is PLAINTEXT unless {@link Options#security()} asks for SASL and/or TLS
 * ({@link BrokerSecurity}). SCRAM users are written to the metadata log through the controller
 * listener at every start (users no longer listed are removed), so a restart with other users or
 * passwords takes effect. The controller listener is PLAINTEXT on the loopback address only.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String CONFIG_FILE = "ssi-broker.properties";
    /** The internal user's password, kept so that a restart can finish what the last run left (transactions). */
    private static final String INTERNAL_SECRET_FILE = "ssi-broker-internal.secret";
    /** Written when the internal SCRAM user was created at format time. */
    private static final String INTERNAL_USER_MARK = "ssi-broker-internal.scram";

    private static final String LOOPBACK = "127.0.0.1";
    /** SCRAM iterations for the users the broker creates (Kafka accepts 4096 to 16384). */
    private static final int SCRAM_ITERATIONS = 8192;

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private final String bootstrapServers;
    private final BrokerSecurity security;
    private boolean closed;

    private EmbeddedKafkaBroker(
            KafkaRaftServer server,
            Path dataDir,
            boolean deleteOnClose,
            String bootstrapServers,
            BrokerSecurity security) {
        this.server = server;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.bootstrapServers = bootstrapServers;
        this.security = security;
    }

    /**
     * Settings of the broker; {@code port} 0 picks a free port, {@code dataDir} null a temporary
     * directory, {@code security} who may connect and how.
     */
    public record Options(
            String host, int port, Path dataDir, Map<String, String> extraConfig, BrokerSecurity security) {
        public Options {
            extraConfig = Map.copyOf(extraConfig);
            security = security == null ? BrokerSecurity.none() : security;
        }

        /** A PLAINTEXT broker on 127.0.0.1, any free port, a temporary directory. */
        public static Options defaults() {
            return new Options("127.0.0.1", 0, null, Map.of(), BrokerSecurity.none());
        }

        public Options withHost(String h) {
            return new Options(h, port, dataDir, extraConfig, security);
        }

        public Options withPort(int p) {
            return new Options(host, p, dataDir, extraConfig, security);
        }

        public Options withDataDir(Path d) {
            return new Options(host, port, d, extraConfig, security);
        }

        public Options withConfig(Map<String, String> extra) {
            Map<String, String> all = new TreeMap<>(extraConfig);
            all.putAll(extra);
            return new Options(host, port, dataDir, all, security);
        }

        public Options withSecurity(BrokerSecurity s) {
            return new Options(host, port, dataDir, extraConfig, s);
        }
    }

    /** A broker on a free port with a temporary data directory. */
    public static EmbeddedKafkaBroker start() throws IOException {
        return start(Options.defaults());
    }

    /** Formats the data directory if new, starts the broker and waits until it answers. */
    public static EmbeddedKafkaBroker start(Options options) throws IOException {
        boolean temporary = options.dataDir() == null;
        Path dataDir = temporary
                ? Files.createTempDirectory("ssi-broker-")
                : options.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        int port = options.port() == 0 ? freePort() : options.port();
        int controllerPort = freePort();
        BrokerSecurity security = options.security();
        boolean formatted = Files.exists(dataDir.resolve("logs").resolve("meta.properties"));
        boolean scram = security.sasl() && security.mechanism().scram();
        if (scram && formatted) {
            // Before internalPassword(): it writes a new secret when there is none, which would hide a lost one.
            String created = internalUserMechanism(dataDir);
            if (created == null) {
                throw new IllegalStateException(
                        "the data directory " + dataDir + " was created without SCRAM users, and Kafka can "
                                + "only add the first one when a directory is formatted: use a new --data-dir, or --sasl-mechanism PLAIN");
            }
            if (!Files.isRegularFile(dataDir.resolve(INTERNAL_SECRET_FILE))) {
                throw new IllegalStateException(
                        "the data directory " + dataDir + " lost " + INTERNAL_SECRET_FILE
                                + ", the password of the broker's own SCRAM user, which cannot be changed: use a new --data-dir");
            }
            if (!created.equals(security.mechanism().kafkaName())) {
                throw new IllegalStateException("the data directory " + dataDir + " has its SCRAM users for " + created
                        + ": start it with --sasl-mechanism " + created + ", or use a new --data-dir");
            }
        }
        String internalPassword = security.sasl() ? internalPassword(dataDir) : null;
        Map<String, String> config =
                brokerConfig(options.host(), port, controllerPort, dataDir.resolve("logs"), security.protocol());
        config.putAll(security.brokerConfig(internalPassword));
        config.putAll(options.extraConfig());
        Path configFile = dataDir.resolve(CONFIG_FILE);
        writeProperties(configFile, config);
        if (!formatted) {
            // SCRAM: the internal user goes in at format time (Kafka takes the first SCRAM user no other way);
            // the others are created through it once the broker runs.
            format(
                    dataDir,
                    configFile,
                    scram
                            ? security.mechanism().kafkaName() + "=[name=" + BrokerSecurity.INTERNAL_USER + ",password="
                                    + internalPassword + "]"
                            : null);
            if (scram) {
                Files.writeString(
                        dataDir.resolve(INTERNAL_USER_MARK),
                        security.mechanism().kafkaName() + "\n",
                        StandardCharsets.UTF_8);
            }
        }

        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        server.startup();
        String bootstrap = options.host() + ":" + port;
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, dataDir, temporary, bootstrap, security);
        try {
            Map<String, String> self = security.sasl()
                    ? security.clientConfig(BrokerSecurity.INTERNAL_USER, internalPassword)
                    : security.clientConfig(null, null);
            broker.awaitReady(self, Duration.ofSeconds(60));
            if (scram) {
                broker.syncScramUsers(self, Duration.ofSeconds(60));
            }
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        LOG.info("Kafka broker ready on {} ({}; data in {})", bootstrap, security.describe(), dataDir);
        return broker;
    }

    /** host:port for clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Kafka client settings for this broker as {@code user} (ignored without SASL): bootstrap servers
     * and, when secured, {@link BrokerSecurity#clientConfig}.
     */
    public Map<String, String> clientConfig(String user, String password) {
        Map<String, String> c = new TreeMap<>(security.clientConfig(user, password));
        c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return c;
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

    /**
     * The node's settings: the client listener (named after its security protocol) on {@code host},
     * the controller listener on the loopback address only (nothing outside this host needs it, and
     * it takes no credentials).
     */
    static Map<String, String> brokerConfig(String host, int port, int controllerPort, Path logDir, String protocol) {
        Map<String, String> c = new TreeMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", "1");
        c.put("controller.quorum.voters", "1@" + LOOPBACK + ":" + controllerPort);
        c.put("listeners", protocol + "://" + host + ":" + port + ",CONTROLLER://" + LOOPBACK + ":" + controllerPort);
        c.put("advertised.listeners", protocol + "://" + host + ":" + port);
        c.put("controller.listener.names", "CONTROLLER");
        c.put("inter.broker.listener.name", protocol);
        c.put("listener.security.protocol.map", protocol + ":" + protocol + ",CONTROLLER:PLAINTEXT");
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

    /**
     * Writes the storage metadata of a new node, as {@code kafka-storage.sh format} does, with a SCRAM
     * user when {@code addScram} is not null ({@code MECHANISM=[name=...,password=...]}).
     */
    private static void format(Path dataDir, Path configFile, String addScram) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> argList = new ArrayList<>(
                List.of("format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString()));
        if (addScram != null) {
            argList.add("--add-scram");
            argList.add(addScram);
        }
        String[] args = argList.toArray(new String[0]);
        int status;
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(args, ps);
        } catch (RuntimeException e) {
            throw new IOException(
                    "cannot format the broker's data directory " + dataDir + ": " + hide(e.getMessage(), addScram), e);
        }
        if (status != 0) {
            throw new IOException("cannot format the broker's data directory " + dataDir + ": "
                    + hide(out.toString(StandardCharsets.UTF_8), addScram));
        }
    }

    /** The message without the SCRAM argument, which holds a password. */
    private static String hide(String message, String secret) {
        return message == null || secret == null ? message : message.replace(secret, "[SCRAM user hidden]");
    }

    /**
     * The internal user's password: read from the data directory, or made (128 random bits) and kept
     * there, readable by the owner only.
     */
    private static String internalPassword(Path dataDir) throws IOException {
        Path file = dataDir.resolve(INTERNAL_SECRET_FILE);
        if (Files.isRegularFile(file)) {
            String kept = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!kept.isEmpty()) {
                return kept;
            }
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        ownerOnly(file);
        return password;
    }

    /** The SCRAM mechanism the internal user was created for at format time, or null when it was not. */
    private static String internalUserMechanism(Path dataDir) throws IOException {
        Path mark = dataDir.resolve(INTERNAL_USER_MARK);
        if (!Files.isRegularFile(mark)) {
            return null;
        }
        return Files.readString(mark, StandardCharsets.UTF_8).trim();
    }

    /**
     * Makes the SCRAM users of the metadata log those of the options (plus the internal user):
     * creates or updates each, deletes the others. Connects as the internal user.
     */
    private void syncScramUsers(Map<String, String> self, Duration timeout) {
        ScramMechanism mechanism = security.mechanism() == BrokerSecurity.Mechanism.SCRAM_SHA_256
                ? ScramMechanism.SCRAM_SHA_256
                : ScramMechanism.SCRAM_SHA_512;
        Properties p = new Properties();
        p.putAll(self);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(p)) {
            Map<String, UserScramCredentialsDescription> existing =
                    admin.describeUserScramCredentials().all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<UserScramCredentialAlteration> changes = new ArrayList<>();
            Set<String> removed = new HashSet<>();
            existing.forEach((user, description) -> {
                if (!user.equals(BrokerSecurity.INTERNAL_USER)
                        && !security.users().containsKey(user)) {
                    removed.add(user);
                    description
                            .credentialInfos()
                            .forEach(info -> changes.add(new UserScramCredentialDeletion(user, info.mechanism())));
                }
            });
            security.users()
                    .forEach((user, password) -> changes.add(new UserScramCredentialUpsertion(
                            user, new ScramCredentialInfo(mechanism, SCRAM_ITERATIONS), password)));
            admin.alterUserScramCredentials(changes).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // The controller has them; wait until the broker's metadata does too, so that "ready" means usable.
            Set<String> wanted = new TreeSet<>(security.users().keySet());
            wanted.add(BrokerSecurity.INTERNAL_USER);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!new TreeSet<>(admin.describeUserScramCredentials()
                            .all()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                            .keySet())
                    .equals(wanted)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not take its SCRAM users " + wanted + " within "
                            + timeout.toSeconds() + " s");
                }
                Thread.sleep(50);
            }
            LOG.info(
                    "{} users: {}{}",
                    mechanism.mechanismName(),
                    new TreeMap<>(security.users()).keySet(),
                    removed.isEmpty() ? "" : " (removed: " + removed + ")");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot create the broker's SCRAM users: " + e.getMessage(), e);
        }
    }

    private void awaitReady(Map<String, String> clientConfig, Duration timeout) {
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(p)) {
            while (true) {
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(5, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "the broker on " + bootstrapServers + " did not become ready within "
                                        + timeout.toSeconds() + " s: " + e.getMessage(),
                                e);
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
        // It may hold passwords (the JAAS settings of a SASL listener, a key store's password).
        ownerOnly(file);
    }

    /** rw------- where the file system has POSIX permissions. */
    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.warn("cannot restrict {} to its owner on this file system; it may hold passwords", file);
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
