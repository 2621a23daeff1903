package org.semanticscale.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.semanticscale.broker.BrokerSecurity;
import org.semanticscale.broker.ControllerQuorum;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ssi broker}: a real KRaft Kafka node in this process, until SIGTERM or Ctrl-C: a single-node
 * cluster, or with {@code --controller-quorum} one node of a cluster whose other nodes are other
 * {@code ssi broker} processes.
 */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a Kafka node (KRaft, broker and controller in one) in this process: a single-node",
            "cluster, or with --controller-quorum one node of a cluster of such processes.",
            "",
            "Prints one line with its bootstrap address when ready and runs until SIGTERM or Ctrl-C.",
            "A node of a cluster is ready once a majority of the voters is up and has elected a leader;",
            "until then it logs that it waits for them. Start the nodes in any order.",
            "With --data-dir its topics and offsets survive restarts; without, they live in a temporary",
            "directory that is deleted on exit. For local work and tests, not production.",
            "",
            "Security: --sasl-users (or SSI_BROKER_SASL_USERS) makes clients authenticate with SASL",
            "(SCRAM-SHA-256 by default); --tls-keystore adds TLS (SASL_SSL, or SSL without users). The",
            "controller listener stays PLAINTEXT on 127.0.0.1. There are no ACLs: every authenticated",
            "user may do everything. Security is for a single node only.",
            "",
            "A 3-node cluster on one machine (each command in its own terminal, same quorum for all):",
            "  ssi broker --node-id 1 --port 19092 --data-dir d1 --controller-quorum Q",
            "  ssi broker --node-id 2 --port 29092 --data-dir d2 --controller-quorum Q",
            "  ssi broker --node-id 3 --port 39092 --data-dir d3 --controller-quorum Q",
            "  with Q = 1@localhost:19093,2@localhost:29093,3@localhost:39093, then",
            "  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:19092,127.0.0.1:29092,127.0.0.1:39092 for the apps.",
            "On a cluster, internal topics and topics created without a replication factor get 3",
            "replicas (fewer with fewer voters) and min.insync.replicas is 2."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:stopped on request", "1:the broker failed", "2:bad options"})
public final class BrokerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--port",
            defaultValue = "9092",
            paramLabel = "P",
            description = "Client port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            paramLabel = "H",
            description = "Address to listen on and advertise (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--data-dir",
            paramLabel = "D",
            description = "Where the broker keeps its data across restarts (default: a temporary directory).")
    Path dataDir;

    @Option(
            names = "--node-id",
            defaultValue = "1",
            paramLabel = "N",
            description = "This node's id, one of the ids of --controller-quorum (default: ${DEFAULT-VALUE}).")
    int nodeId;

    @Option(
            names = "--controller-quorum",
            paramLabel = "ID@HOST:PORT[,...]",
            description = {
                "The cluster's controllers, every node one of them, given alike to every node. This node's",
                "controller listens on its own entry's HOST:PORT (not --port). Default: a single node, its",
                "controller on a free port of 127.0.0.1."
            })
    String controllerQuorum;

    @Option(
            names = "--cluster-id",
            paramLabel = "ID",
            description = {
                "The Kafka cluster id a new --data-dir is formatted with (default: derived from",
                "--controller-quorum, so every node of a cluster computes the same one; random for a",
                "single node without it). Ignored for a data directory already formatted."
            })
    String clusterId;

    @Option(
            names = "--sasl-users",
            paramLabel = "USER:PASSWORD[,...]",
            defaultValue = "${env:SSI_BROKER_SASL_USERS}",
            description = {
                "Require SASL with these users (default: SSI_BROKER_SASL_USERS). Prefer the variable:",
                "a command line is visible to every user of the host. Passwords cannot hold , \" or \\."
            })
    String saslUsers;

    @Option(
            names = "--sasl-mechanism",
            defaultValue = "SCRAM-SHA-256",
            paramLabel = "M",
            description =
                    "SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN (default: ${DEFAULT-VALUE}); PLAIN sends passwords as they are, use it with TLS.")
    String saslMechanism;

    @Option(
            names = "--tls-keystore",
            paramLabel = "FILE",
            description =
                    "Key store with the broker's key and certificate (which must name --host): TLS on the client listener.")
    Path tlsKeyStore;

    @Option(
            names = "--tls-keystore-password",
            paramLabel = "PW",
            defaultValue = "${env:SSI_BROKER_TLS_KEYSTORE_PASSWORD}",
            description = "Its password (default: SSI_BROKER_TLS_KEYSTORE_PASSWORD; prefer the variable).")
    String tlsKeyStorePassword;

    @Option(
            names = "--tls-keystore-type",
            defaultValue = "PKCS12",
            paramLabel = "T",
            description = "PKCS12 or JKS (default: ${DEFAULT-VALUE}).")
    String tlsKeyStoreType;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EmbeddedKafkaBroker broker;
        EmbeddedKafkaBroker.Options options;
        try {
            options = options();
            broker = EmbeddedKafkaBroker.start(options);
        } catch (IllegalArgumentException e) {
            err.println("ssi broker: " + e.getMessage());
            err.flush();
            return 2;
        } catch (IllegalStateException e) {
            err.println("ssi broker: " + e.getMessage());
            err.flush();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "broker-shutdown"));
        BrokerSecurity security = options.security();
        out.printf(
                "ssi broker ready: KAFKA_BOOTSTRAP_SERVERS=%s (%sdata in %s%s)%n",
                broker.bootstrapServers(),
                options.voters() > 1
                        ? "node " + nodeId + " of the cluster " + options.quorum()
                                + ": list every node's client port in KAFKA_BOOTSTRAP_SERVERS; "
                        : "",
                broker.dataDir(),
                dataDir == null ? ", deleted on exit" : "");
        if (security.sasl() || security.tls()) {
            out.println("ssi broker: clients connect with " + security.describe() + "; client settings: "
                    + clientHint(security));
        }
        out.flush();
        stopped.await();
        return 0;
    }

    /** The broker the options ask for; an IllegalArgumentException names what is wrong. */
    EmbeddedKafkaBroker.Options options() {
        EmbeddedKafkaBroker.Options options = EmbeddedKafkaBroker.Options.defaults()
                .withHost(host)
                .withPort(port)
                .withDataDir(dataDir)
                .withSecurity(security())
                .withNode(nodeId, controllerQuorum == null ? null : ControllerQuorum.parse(controllerQuorum))
                .withClusterId(clusterId);
        options.validate();
        return options;
    }

    /** The security the options ask for; an IllegalArgumentException names what is wrong (never a password). */
    BrokerSecurity security() {
        BrokerSecurity security = BrokerSecurity.none();
        if (saslUsers != null && !saslUsers.isBlank()) {
            Map<String, String> users = BrokerSecurity.parseUsers(saslUsers);
            security = BrokerSecurity.sasl(BrokerSecurity.Mechanism.fromKafkaName(saslMechanism), users);
        }
        if (tlsKeyStore != null) {
            if (!Files.isRegularFile(tlsKeyStore)) {
                throw new IllegalArgumentException("--tls-keystore " + tlsKeyStore + ": no such file");
            }
            if (tlsKeyStorePassword == null || tlsKeyStorePassword.isEmpty()) {
                throw new IllegalArgumentException(
                        "--tls-keystore needs --tls-keystore-password or SSI_BROKER_TLS_KEYSTORE_PASSWORD");
            }
            security = security.withTls(tlsKeyStore, tlsKeyStorePassword, tlsKeyStoreType);
        }
        return security;
    }

    /** The kafka.* settings the apps and ssi replay need, the password left for the user to fill in. */
    static String clientHint(BrokerSecurity security) {
        StringBuilder b = new StringBuilder("kafka.security.protocol=").append(security.protocol());
        if (security.sasl()) {
            b.append(" kafka.sasl.mechanism=")
                    .append(security.mechanism().kafkaName())
                    .append(" kafka.sasl.jaas.config='")
                    .append(security.mechanism().loginModule())
                    .append(" required username=\"USER\" password=\"PASSWORD\";'");
        }
        if (security.tls()) {
            b.append(
                    " kafka.ssl.truststore.location=FILE (trusting the broker's certificate) kafka.ssl.truststore.password=...");
        }
        return b.toString();
    }
}
