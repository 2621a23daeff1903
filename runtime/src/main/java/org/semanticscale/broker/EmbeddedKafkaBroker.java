package org.semanticscale.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * A real Kafka node in this JVM, in KRaft combined mode (broker and controller in one node), for
 * local work, the demo and integration tests: a single-node cluster by default, or one node of a
 * cluster with a static controller quorum ({@link Options#withNode}), each node its own process.
 *
 * <p>Its data directory is formatted on first start and reused afterwards, so a broker restarted on
 * the same directory keeps its topics and offsets. Internal topics are sized for the cluster
 * ({@link #brokerConfig}). A temporary directory, used when none is given, is deleted on
 * {@link #close()}. A node of a cluster starts before the others and waits for a majority of the
 * voters, saying so in its log.
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
    /** How often a node waiting for the controller quorum says so. */
    private static final Duration QUORUM_LOG_INTERVAL = Duration.ofSeconds(10);

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
     * directory, {@code security} who may connect and how. {@code quorum} null makes a single node
     * whose controller listens on a free loopback port; otherwise this node ({@code nodeId}) is one
     * of the quorum's voters and its controller listens where its entry says. {@code clusterId} null
     * means {@link ControllerQuorum#derivedClusterId()} for a given quorum, a random one for a single
     * node.
     */
    public record Options(
            String host,
            int port,
            Path dataDir,
            Map<String, String> extraConfig,
            BrokerSecurity security,
            int nodeId,
            ControllerQuorum quorum,
            String clusterId) {
        public Options {
            extraConfig = Map.copyOf(extraConfig);
            security = security == null ? BrokerSecurity.none() : security;
        }

        /** A PLAINTEXT single node (id 1) on 127.0.0.1, any free port, a temporary directory. */
        public static Options defaults() {
            return new Options("127.0.0.1", 0, null, Map.of(), BrokerSecurity.none(), 1, null, null);
        }

        public Options withHost(String h) {
            return new Options(h, port, dataDir, extraConfig, security, nodeId, quorum, clusterId);
        }

        public Options withPort(int p) {
            return new Options(host, p, dataDir, extraConfig, security, nodeId, quorum, clusterId);
        }

        public Options withDataDir(Path d) {
            return new Options(host, port, d, extraConfig, security, nodeId, quorum, clusterId);
        }

        public Options withConfig(Map<String, String> extra) {
            Map<String, String> all = new TreeMap<>(extraConfig);
            all.putAll(extra);
            return new Options(host, port, dataDir, all, security, nodeId, quorum, clusterId);
        }

        public Options withSecurity(BrokerSecurity s) {
            return new Options(host, port, dataDir, extraConfig, s, nodeId, quorum, clusterId);
        }

        /** This node as {@code id} of {@code q} (null: a single node of that id). */
        public Options withNode(int id, ControllerQuorum q) {
            return new Options(host, port, dataDir, extraConfig, security, id, q, clusterId);
        }

        /** The cluster id to format a new data directory with (null: the default above). */
        public Options withClusterId(String id) {
            return new Options(host, port, dataDir, extraConfig, security, nodeId, quorum, id);
        }

        /** Voters in the quorum: 1 for a single node. */
        public int voters() {
            return quorum == null ? 1 : quorum.size();
        }

        /**
         * Throws an IllegalArgumentException naming the option that is wrong: a node id that is not a
         * voter, a port out of range or equal to the node's controller port, a cluster node without a
         * data directory or with security (not supported on a cluster yet: each node would make its own
         * internal user). {@link #start(Options)} also refuses ports that are taken, the same way.
         */
        public void validate() {
            if (nodeId < 0) {
                throw new IllegalArgumentException("--node-id " + nodeId + ": must be 0 or more");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port " + port + ": must be in 0..65535");
            }
            if (clusterId != null) {
                try {
                    Uuid.fromString(clusterId);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--cluster-id '" + clusterId
                            + "': expected a 22-character base64 Kafka id (kafka-storage random-uuid prints one)");
                }
            }
            if (quorum == null) {
                return;
            }
            ControllerQuorum.Voter self = quorum.voter(nodeId);
            if (port != 0 && port == self.port()) {
                throw new IllegalArgumentException("--port " + port + " is node " + nodeId
                        + "'s controller port in --controller-quorum: give clients another port");
            }
            if (quorum.size() > 1 && dataDir == null) {
                throw new IllegalArgumentException(
                        "a node of a " + quorum.size()
                                + "-voter cluster needs --data-dir: a controller that forgets its log on restart can split the quorum");
            }
            if (quorum.size() > 1 && (security.sasl() || security.tls())) {
                throw new IllegalArgumentException(
                        "--sasl-users and --tls-keystore work on a single node only, not on a " + quorum.size()
                                + "-voter cluster");
            }
        }
    }

    /** A broker on a free port with a temporary data directory. */
    public static EmbeddedKafkaBroker start() throws IOException {
        return start(Options.defaults());
    }

    /** Formats the data directory if new, starts the broker and waits until it answers. */
    public static EmbeddedKafkaBroker start(Options options) throws IOException {
        options.validate();
        ControllerQuorum quorum = options.quorum() == null
                ? ControllerQuorum.single(options.nodeId(), LOOPBACK, freePort())
                : options.quorum();
        ControllerQuorum.Voter controller = quorum.voter(options.nodeId());
        if (options.quorum() != null) {
            requireFree(controller.host(), controller.port(), "node " + options.nodeId() + "'s controller port");
        }
        if (options.port() != 0) {
            requireFree(options.host(), options.port(), "--port");
        }
        boolean temporary = options.dataDir() == null;
        Path dataDir = temporary
                ? Files.createTempDirectory("ssi-broker-")
                : options.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        int port = options.port() == 0 ? freePort() : options.port();
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
        Map<String, String> config = brokerConfig(
                options.host(), port, options.nodeId(), quorum, dataDir.resolve("logs"), security.protocol());
        config.putAll(security.brokerConfig(internalPassword));
        config.putAll(options.extraConfig());
        Path configFile = dataDir.resolve(CONFIG_FILE);
        writeProperties(configFile, config);
        if (!formatted) {
            // SCRAM: the internal user goes in at format time (Kafka takes the first SCRAM user no other way);
            // the others are created through it once the broker runs.
            String clusterId = options.clusterId() != null
                    ? options.clusterId()
                    : options.quorum() != null
                            ? quorum.derivedClusterId()
                            : Uuid.randomUuid().toString();
            format(
                    dataDir,
                    configFile,
                    clusterId,
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
        startup(server, options.nodeId(), quorum);
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
        LOG.info(
                "Kafka broker ready on {} ({}; node {} of {} voters; data in {})",
                bootstrap,
                security.describe(),
                options.nodeId(),
                quorum.size(),
                dataDir);
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
     * the controller listener where this node's entry of {@code quorum} says (for a single node, the
     * loopback address: nothing outside this host needs it, and it takes no credentials).
     *
     * <p>Internal topics (offsets, transaction state, share coordinator state) and topics created
     * without a replication factor get {@link #replicas} replicas and need {@link #minInSync} of them
     * in sync: 1 and 1 on a single node; 3 (or fewer voters) and 2 on a cluster, which then takes an
     * acknowledged write ({@code acks=all}) on two nodes and stays writable with one node down.
     */
    static Map<String, String> brokerConfig(
            String host, int port, int nodeId, ControllerQuorum quorum, Path logDir, String protocol) {
        ControllerQuorum.Voter controller = quorum.voter(nodeId);
        String replicas = Integer.toString(replicas(quorum.size()));
        String minInSync = Integer.toString(minInSync(quorum.size()));
        Map<String, String> c = new TreeMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", Integer.toString(nodeId));
        c.put("controller.quorum.voters", quorum.toString());
        c.put("listeners", protocol + "://" + host + ":" + port + ",CONTROLLER://" + controller);
        c.put("advertised.listeners", protocol + "://" + host + ":" + port);
        c.put("controller.listener.names", "CONTROLLER");
        c.put("inter.broker.listener.name", protocol);
        c.put("listener.security.protocol.map", protocol + ":" + protocol + ",CONTROLLER:PLAINTEXT");
        c.put("log.dirs", logDir.toString());
        c.put("offsets.topic.replication.factor", replicas);
        c.put("offsets.topic.num.partitions", "5");
        c.put("transaction.state.log.replication.factor", replicas);
        c.put("transaction.state.log.min.isr", minInSync);
        c.put("transaction.state.log.num.partitions", "5");
        c.put("share.coordinator.state.topic.replication.factor", replicas);
        c.put("share.coordinator.state.topic.min.isr", minInSync);
        // Also the offsets topic's: it has no setting of its own.
        c.put("min.insync.replicas", minInSync);
        c.put("default.replication.factor", replicas);
        // Small machines: a 2 MiB log cleaner buffer instead of 128 MiB, no initial rebalance delay.
        c.put("log.cleaner.dedupe.buffer.size", "2097152");
        c.put("group.initial.rebalance.delay.ms", "0");
        c.put("num.network.threads", "2");
        c.put("num.io.threads", "4");
        return c;
    }

    /** Replicas of internal topics and of topics created without a replication factor. */
    static int replicas(int voters) {
        return Math.min(3, voters);
    }

    /** In-sync replicas an {@code acks=all} write needs. */
    static int minInSync(int voters) {
        return Math.min(2, replicas(voters));
    }

    /**
     * {@link KafkaRaftServer#startup()}, which returns once this node has caught up with the metadata
     * of an elected controller and is unfenced: on a cluster, not before a majority of the voters is
     * up. Until then this logs, every {@link #QUORUM_LOG_INTERVAL}, that the node waits for them.
     */
    private static void startup(KafkaRaftServer server, int nodeId, ControllerQuorum quorum) {
        if (quorum.size() == 1) {
            server.startup();
            return;
        }
        LOG.info(
                "node {} waits for the controller quorum {}: it is ready once {} of the {} nodes are up and have"
                        + " elected a leader",
                nodeId,
                quorum,
                quorum.size() / 2 + 1,
                quorum.size());
        long t0 = System.nanoTime();
        ScheduledExecutorService reminder = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "broker-quorum-wait");
            t.setDaemon(true);
            return t;
        });
        reminder.scheduleAtFixedRate(
                () -> LOG.info(
                        "node {} still waits for the controller quorum after {} s",
                        nodeId,
                        (System.nanoTime() - t0) / 1_000_000_000L),
                QUORUM_LOG_INTERVAL.toMillis(),
                QUORUM_LOG_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            server.startup();
        } finally {
            reminder.shutdownNow();
        }
        LOG.info("node {} joined the cluster after {} ms", nodeId, (System.nanoTime() - t0) / 1_000_000L);
    }

    /** Throws an IllegalArgumentException when {@code host:port} cannot be listened on now. */
    private static void requireFree(String host, int port, String what) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + host + ":" + port + " cannot be listened on here ("
                    + e.getMessage() + "): is another broker using it, or is the host not this machine?");
        }
    }

    /**
     * Writes the storage metadata of a new node, as {@code kafka-storage.sh format} does, with a SCRAM
     * user when {@code addScram} is not null ({@code MECHANISM=[name=...,password=...]}). Every node of
     * a cluster is formatted with the same {@code clusterId}; with a static quorum
     * ({@code controller.quorum.voters} in the config file) Kafka needs nothing more.
     */
    private static void format(Path dataDir, Path configFile, String clusterId, String addScram) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> argList =
                new ArrayList<>(List.of("format", "--cluster-id", clusterId, "--config", configFile.toString()));
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
