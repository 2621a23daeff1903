package org.semanticscale.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.semanticscale.broker.BrokerSecurity;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ssi broker}: a real single-node KRaft Kafka broker in this process, until SIGTERM or Ctrl-C. */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a single-node Kafka broker (KRaft, broker and controller in one) in this process.",
            "",
            "Prints one line with its bootstrap address when ready and runs until SIGTERM or Ctrl-C.",
            "With --data-dir its topics and offsets survive restarts; without, they live in a temporary",
            "directory that is deleted on exit. For local work and tests, not production.",
            "",
            "Security: --sasl-users (or SSI_BROKER_SASL_USERS) makes clients authenticate with SASL",
            "(SCRAM-SHA-256 by default); --tls-keystore adds TLS (SASL_SSL, or SSL without users). The",
            "controller listener stays PLAINTEXT on 127.0.0.1. There are no ACLs: every authenticated",
            "user may do everything."
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
        BrokerSecurity security;
        try {
            security = security();
        } catch (IllegalArgumentException e) {
            err.println("ssi broker: " + e.getMessage());
            err.flush();
            return 2;
        }
        EmbeddedKafkaBroker.Options options = EmbeddedKafkaBroker.Options.defaults()
                .withHost(host)
                .withPort(port)
                .withDataDir(dataDir)
                .withSecurity(security);
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.start(options);
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
        out.printf(
                "ssi broker ready: KAFKA_BOOTSTRAP_SERVERS=%s (data in %s%s)%n",
                broker.bootstrapServers(), broker.dataDir(), dataDir == null ? ", deleted on exit" : "");
        if (security.sasl() || security.tls()) {
            out.println("ssi broker: clients connect with " + security.describe() + "; client settings: "
                    + clientHint(security));
        }
        out.flush();
        stopped.await();
        return 0;
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
