package org.semanticscale.reliability.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.testkit.ChildProcess;

/**
 * A KRaft cluster of {@code ssi broker} child JVMs on this machine, as a user would run it: node
 * {@code i} (1..N) is started with {@code --node-id i}, its own client and controller ports (free when
 * the cluster was made, kept across restarts), its own data directory {@code dir/broker-i} and the
 * same {@code --controller-quorum}. Node {@code i} logs to {@code logs/broker-i.log}, every run of it
 * appended.
 *
 * <pre>{@code
 * try (BrokerCluster cluster = BrokerCluster.start(3, dir, logs)) {
 *     KafkaIo kafka = KafkaIo.of(cluster.bootstrapServers());
 *     ...
 *     cluster.kill(2);     // SIGKILL: a crash, nothing flushed
 *     ...
 *     cluster.restart(2);  // same ports and data; returns once it is ready again
 * }
 * }</pre>
 */
public final class BrokerCluster implements AutoCloseable {
    /** What {@code ssi broker} prints when the node has joined the cluster and answers clients. */
    public static final String READY = "ssi broker ready: KAFKA_BOOTSTRAP_SERVERS=";

    private static final String HOST = "127.0.0.1";
    /** JVM start, format, and the election once a majority is up, on a busy 2-core machine. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path dir;
    private final Path logs;
    private final int[] clientPorts;
    private final String quorum;
    /** Index node - 1; null while a node is down. */
    private final ChildProcess[] nodes;
    /** Index node - 1: the length of its log when its latest run started. */
    private final int[] marks;

    private BrokerCluster(Path dir, Path logs, int[] clientPorts, String quorum) {
        this.dir = dir;
        this.logs = logs;
        this.clientPorts = clientPorts;
        this.quorum = quorum;
        this.nodes = new ChildProcess[clientPorts.length];
        this.marks = new int[clientPorts.length];
    }

    /**
     * Starts {@code size} nodes at once (each waits for the quorum, as it would on separate machines)
     * and returns when every one has printed its ready line. Their data goes to {@code dir}, their
     * logs to {@code logs}. On failure, the nodes started are killed.
     */
    public static BrokerCluster start(int size, Path dir, Path logs) throws Exception {
        BrokerCluster cluster = of(size, dir, logs);
        try {
            for (int node = 1; node <= size; node++) {
                cluster.startNode(node);
            }
            for (int node = 1; node <= size; node++) {
                cluster.awaitReady(node);
            }
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * A cluster of {@code size} nodes with their ports chosen and none started: start them one by one
     * with {@link #startNode} and {@link #awaitReady} (to see a node wait for the others).
     */
    public static BrokerCluster of(int size, Path dir, Path logs) throws IOException {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, not " + size);
        }
        int[] clientPorts = new int[size];
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            clientPorts[i] = EmbeddedKafkaBroker.freePort();
            voters.add((i + 1) + "@" + HOST + ":" + EmbeddedKafkaBroker.freePort());
        }
        return new BrokerCluster(dir, logs, clientPorts, String.join(",", voters));
    }

    /** Number of nodes, up or down. */
    public int size() {
        return nodes.length;
    }

    /** The client address of every node, up or down, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return IntStream.rangeClosed(1, size()).mapToObj(this::bootstrapServer).collect(Collectors.joining(","));
    }

    /** The client address of node {@code node} (1..N). */
    public String bootstrapServer(int node) {
        return HOST + ":" + clientPorts[index(node)];
    }

    /** The {@code --controller-quorum} every node was started with. */
    public String controllerQuorum() {
        return quorum;
    }

    /** The process of node {@code node}, or null while it is down. */
    public ChildProcess process(int node) {
        return nodes[index(node)];
    }

    /** True while node {@code node} runs. */
    public boolean isUp(int node) {
        ChildProcess p = nodes[index(node)];
        return p != null && p.isAlive();
    }

    /** SIGKILLs node {@code node} (a crash: no clean shutdown) and waits until it is gone. */
    public void kill(int node) throws InterruptedException {
        ChildProcess p = nodes[index(node)];
        if (p == null) {
            throw new IllegalStateException("node " + node + " is not running");
        }
        p.kill();
        nodes[index(node)] = null;
    }

    /**
     * Starts node {@code node} again on its ports and data directory, and returns when it printed its
     * ready line (it has caught up with the cluster's metadata; its replicas may still be catching up).
     */
    public void restart(int node) throws Exception {
        startNode(node);
        awaitReady(node);
    }

    /**
     * Starts the JVM of node {@code node}, which is down, without waiting for it: it formats its data
     * directory on first start, then waits for a majority of the nodes.
     */
    public void startNode(int node) throws IOException {
        if (isUp(node)) {
            throw new IllegalStateException("node " + node + " still runs: kill it first");
        }
        Path log = logs.resolve("broker-" + node + ".log");
        // In characters, as ChildProcess.awaitLog counts them; the log holds every earlier run of the node.
        marks[index(node)] = Files.exists(log)
                ? Files.readString(log, StandardCharsets.UTF_8).length()
                : 0;
        nodes[index(node)] = AppProcess.ssi(
                        "broker-" + node,
                        log,
                        "broker",
                        "--node-id",
                        Integer.toString(node),
                        "--host",
                        HOST,
                        "--port",
                        Integer.toString(clientPorts[index(node)]),
                        "--controller-quorum",
                        quorum,
                        "--data-dir",
                        dir.resolve("broker-" + node).toString())
                // A broker needs far less than an app: three of them share the test machine.
                .jvm("-Xmx384m")
                .workDir(dir)
                .start();
    }

    /** Waits until the latest run of node {@code node} printed its ready line; fails if it exits first. */
    public void awaitReady(int node) throws Exception {
        ChildProcess p = nodes[index(node)];
        if (p == null) {
            throw new IllegalStateException("node " + node + " is not running");
        }
        p.awaitLog(Pattern.quote(READY), marks[index(node)], READY_TIMEOUT);
    }

    /** Kills every node still running. */
    @Override
    public void close() {
        for (ChildProcess p : nodes) {
            if (p != null) {
                p.close();
            }
        }
    }

    private int index(int node) {
        if (node < 1 || node > nodes.length) {
            throw new IllegalArgumentException("node " + node + " is not in 1.." + nodes.length);
        }
        return node - 1;
    }
}
