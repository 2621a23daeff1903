package org.semanticscale.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.AuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.broker.BrokerSecurity;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import org.semanticscale.reliability.harness.AppProcess;
import org.semanticscale.reliability.harness.Configs;
import org.semanticscale.reliability.harness.Figures;
import org.semanticscale.reliability.harness.Logs;
import org.semanticscale.reliability.harness.SampleData;
import org.semanticscale.reliability.harness.Scales;
import org.semanticscale.testkit.Await;
import org.semanticscale.testkit.ChildProcess;
import org.semanticscale.testkit.KafkaIo;
import org.semanticscale.testkit.Scrape;

/**
 * A secured broker ({@code ssi broker} in a child JVM, users from its environment) and the apps and
 * {@code ssi replay} with standard Kafka client security settings from their config files, the
 * environment and the command line: the right credentials work end to end, wrong ones fail fast with
 * an error that says so, and no password reaches a log or {@code /metrics}.
 */
class SecurityIT {
    private static final String STREAMS_PASSWORD = "Str3ams-pw-7c1e";
    private static final String TRAINER_PASSWORD = "Tr4iner-pw-92ab";
    private static final String REPLAY_PASSWORD = "R3play-pw-55d0";
    private static final String WRONG_PASSWORD = "Wr0ng-pw-1f3d";
    private static final String KEYSTORE_PASSWORD = "Keyst0re-pw-3e8a";
    private static final String TRUSTSTORE_PASSWORD = "Trustst0re-pw-b6c2";
    private static final Duration FAIL_FAST = Duration.ofSeconds(60);
    private static final int CSV_ROWS = 300;

    /** Child JVMs log the Kafka clients at info: their configuration dumps are where a secret would show. */
    private static final String[] VERBOSE_KAFKA = {
        "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info", "-Dorg.slf4j.simpleLogger.log.kafka=info"
    };

    @TempDir
    Path dir;

    @Test
    void shouldRunEverythingWithScramOverSaslPlaintextAndRefuseWrongCredentialsFast() throws Exception {
        Figures figures = new Figures("security-scram");
        Path logs = Logs.dir("security-scram");
        List<ChildProcess> processes = new ArrayList<>();
        try {
            // 1. ssi broker with SCRAM-SHA-256 users from SSI_BROKER_SASL_USERS (not the command line: ps shows that).
            ChildProcess broker = AppProcess.ssi(
                            "broker",
                            logs.resolve("broker.log"),
                            "broker",
                            "--port",
                            "0",
                            "--data-dir",
                            dir.resolve("broker").toString())
                    .env(
                            "SSI_BROKER_SASL_USERS",
                            "streams:" + STREAMS_PASSWORD + ",trainer:" + TRAINER_PASSWORD + ",replay:"
                                    + REPLAY_PASSWORD)
                    .jvm(VERBOSE_KAFKA)
                    .workDir(dir)
                    .start();
            processes.add(broker);
            String bootstrap = bootstrap(broker);
            assertTrue(
                    broker.log().contains("SASL_PLAINTEXT SCRAM-SHA-256, users replay, streams, trainer"),
                    broker.tail(5));

            // 2. Wrong credentials, all three at once: each exits with an error naming the refusal.
            Path csv = samplesCsv();
            Map<String, String> scram =
                    Map.of("kafka.security.protocol", "SASL_PLAINTEXT", "kafka.sasl.mechanism", "SCRAM-SHA-256");
            ChildProcess badStreams = streams(
                            logs,
                            "streams-wrong",
                            bootstrap,
                            scram,
                            jaas(BrokerSecurity.Mechanism.SCRAM_SHA_256, "streams", WRONG_PASSWORD))
                    .start();
            ChildProcess badTrainer = trainer(logs, "trainer-wrong", bootstrap, scram, "trainer", WRONG_PASSWORD)
                    .start();
            ChildProcess badReplay = replay(
                            logs,
                            "replay-wrong",
                            bootstrap,
                            scram,
                            jaas(BrokerSecurity.Mechanism.SCRAM_SHA_256, "mallory", WRONG_PASSWORD),
                            csv)
                    .start();
            // A client with no security settings at all: the broker closes the connection, which Kafka
            // cannot tell from a broker that is not there; reported after connection.timeout.
            Map<String, String> plain = Configs.trainer(bootstrap, dir.resolve("checkpoints-plain"));
            plain.put("connection.timeout", "5s");
            ChildProcess plainTrainer = AppProcess.configured("trainer-plaintext", "train", plain, dir, logs)
                    .start();
            processes.addAll(List.of(badStreams, badTrainer, badReplay, plainTrainer));
            assertEquals(2, badStreams.awaitExit(FAIL_FAST), badStreams.tail(5));
            double streamsFailed = badStreams.exitSeconds();
            assertEquals(1, badTrainer.awaitExit(FAIL_FAST), badTrainer.tail(5));
            double trainerFailed = badTrainer.exitSeconds();
            assertEquals(1, badReplay.awaitExit(FAIL_FAST), badReplay.tail(5));
            double replayFailed = badReplay.exitSeconds();
            assertTrue(badStreams.log().contains("refused the streams-app's credentials"), badStreams.tail(5));
            assertTrue(badTrainer.log().contains("refused the trainer's credentials"), badTrainer.tail(5));
            assertTrue(badReplay.log().contains("refused ssi replay's credentials"), badReplay.tail(5));
            assertTrue(badStreams.log().contains("Authentication failed"), badStreams.tail(5));
            assertEquals(1, plainTrainer.awaitExit(FAIL_FAST), plainTrainer.tail(5));
            assertTrue(plainTrainer.log().contains("no Kafka broker reachable"), plainTrainer.tail(5));
            figures.put("wrong password, ssi streams: first log line to exit, s", badStreams.loggedSecondsBeforeExit())
                    .put("wrong password, ssi train: first log line to exit, s", badTrainer.loggedSecondsBeforeExit())
                    .put("wrong password, ssi streams exits (status 2) after, s", streamsFailed)
                    .put("wrong password, ssi train exits (status 1) after, s", trainerFailed)
                    .put("unknown user, ssi replay exits (status 1) after, s", replayFailed)
                    .put("their message", lastLine(badStreams, "ssi streams: "))
                    .put(
                            "no security settings, ssi train (connect timeout 5 s) exits (status 1) after, s",
                            plainTrainer.exitSeconds());

            // 3. The right credentials: the JAAS line of the streams-app from SSI_KAFKA_SASL_JAAS_CONFIG, the
            //    trainer's from its file, ssi replay's from --set; samples flow to scales.
            ChildProcess streams = streams(
                            logs,
                            "streams",
                            bootstrap,
                            scram,
                            jaas(BrokerSecurity.Mechanism.SCRAM_SHA_256, "streams", STREAMS_PASSWORD))
                    .start();
            ChildProcess trainer = trainer(logs, "trainer", bootstrap, scram, "trainer", TRAINER_PASSWORD)
                    .start();
            processes.addAll(List.of(streams, trainer));
            int streamsPort = AppProcess.metricsPort(streams, 0, Duration.ofSeconds(90));
            int trainerPort = AppProcess.metricsPort(trainer, 0, Duration.ofSeconds(90));
            Await.until(
                    "the streams-app RUNNING",
                    Duration.ofSeconds(120),
                    () -> Scrape.health(streamsPort) == 200,
                    () -> streams.tail(5));
            Map<String, String> replayConfig = new LinkedHashMap<>(scram);
            ChildProcess replay = AppProcess.ssi(
                            "replay",
                            logs.resolve("replay.log"),
                            "replay",
                            "--dataset",
                            "csv:" + csv,
                            "--config",
                            Configs.write(dir.resolve("replay.properties"), replayConfig)
                                    .toString(),
                            "--bootstrap-servers",
                            bootstrap,
                            "--set",
                            "kafka.sasl.jaas.config="
                                    + jaas(BrokerSecurity.Mechanism.SCRAM_SHA_256, "replay", REPLAY_PASSWORD))
                    .jvm(VERBOSE_KAFKA)
                    .workDir(dir)
                    .start();
            processes.add(replay);
            assertEquals(0, replay.awaitExit(Duration.ofSeconds(120)), replay.tail(5));
            Matcher sent = replay.awaitLog("sent (\\d+) of (\\d+) samples", 0, Duration.ofSeconds(1));
            long samples = Long.parseLong(sent.group(1));
            Await.until(
                    "the replayed samples trained",
                    Duration.ofSeconds(120),
                    () -> Scrape.valueAt(trainerPort, "ssi_trainer_samples_total") >= samples,
                    () -> trainer.tail(5));
            KafkaIo kafka = new KafkaIo(Map.of(
                    "bootstrap.servers",
                    bootstrap,
                    "security.protocol",
                    "SASL_PLAINTEXT",
                    "sasl.mechanism",
                    "SCRAM-SHA-256",
                    "sasl.jaas.config",
                    jaas(BrokerSecurity.Mechanism.SCRAM_SHA_256, "streams", STREAMS_PASSWORD)));
            Await.until(
                    "scales of every class",
                    Duration.ofSeconds(120),
                    () -> Scales.latest(kafka.readCommitted("ssi.scales", Duration.ofSeconds(30)))
                                    .size()
                            == SampleData.LABELS.size(),
                    () -> streams.tail(5));
            figures.put("samples replayed and trained over SASL_PLAINTEXT/SCRAM-SHA-256", samples)
                    .put("classes with scales", SampleData.LABELS.size());

            // 4. /metrics of both apps: no password.
            String metrics =
                    Scrape.of(streamsPort).text() + Scrape.of(trainerPort).text();
            assertNoSecrets("/metrics", metrics, STREAMS_PASSWORD, TRAINER_PASSWORD, REPLAY_PASSWORD);

            // 5. The metrics endpoints listen on the loopback address only.
            figures.put(
                    "metrics reachable from another interface",
                    reachableFromOtherInterface(streamsPort) + ", " + reachableFromOtherInterface(trainerPort));

            // 6. Every log, after a clean stop: no password (right, wrong or the broker's own), and the
            //    configuration dumps do show the settings, masked.
            assertTrue(streams.stop(Duration.ofSeconds(60)) >= 0);
            assertTrue(trainer.stop(Duration.ofSeconds(120)) >= 0);
            assertTrue(broker.stop(Duration.ofSeconds(60)) >= 0);
            String internal = Files.readString(dir.resolve("broker").resolve("ssi-broker-internal.secret"))
                    .trim();
            String all = allLogs(logs);
            assertNoSecrets(
                    "the logs", all, STREAMS_PASSWORD, TRAINER_PASSWORD, REPLAY_PASSWORD, WRONG_PASSWORD, internal);
            assertTrue(
                    streams.log().contains("kafka.sasl.jaas.config=[hidden]"),
                    "the streams-app logs its settings, masked");
            assertTrue(
                    trainer.log().contains("kafka.sasl.jaas.config=[hidden]"), "the trainer logs its settings, masked");
            assertTrue(all.contains("sasl.jaas.config = [hidden]"), "the Kafka clients log their settings, masked");
            figures.put("log lines searched", all.lines().count()).put("passwords found in logs or /metrics", 0);
        } finally {
            processes.forEach(ChildProcess::close);
            figures.write();
        }
    }

    @Test
    void shouldRunWithPlainOverSaslSslAndRefuseAClientThatDoesNotTrustTheBroker() throws Exception {
        Figures figures = new Figures("security-tls");
        Path logs = Logs.dir("security-tls");
        List<ChildProcess> processes = new ArrayList<>();
        try {
            // 1. A self-signed certificate for 127.0.0.1 (keytool), and a trust store holding only that certificate.
            Path keyStore = dir.resolve("broker.p12");
            Path trustStore = dir.resolve("clients-trust.p12");
            keytool(
                    "-genkeypair",
                    "-alias",
                    "ssi-broker",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=127.0.0.1",
                    "-ext",
                    "SAN=ip:127.0.0.1,dns:localhost",
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keyStore.toString(),
                    "-storepass",
                    KEYSTORE_PASSWORD,
                    "-keypass",
                    KEYSTORE_PASSWORD);
            Path cert = dir.resolve("broker.pem");
            keytool(
                    "-exportcert",
                    "-rfc",
                    "-alias",
                    "ssi-broker",
                    "-keystore",
                    keyStore.toString(),
                    "-storepass",
                    KEYSTORE_PASSWORD,
                    "-file",
                    cert.toString());
            keytool(
                    "-importcert",
                    "-noprompt",
                    "-alias",
                    "ssi-broker",
                    "-file",
                    cert.toString(),
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    trustStore.toString(),
                    "-storepass",
                    TRUSTSTORE_PASSWORD);

            // 2. ssi broker: SASL_SSL with PLAIN (passwords travel inside TLS), key store password from the
            // environment.
            ChildProcess broker = AppProcess.ssi(
                            "broker",
                            logs.resolve("broker.log"),
                            "broker",
                            "--port",
                            "0",
                            "--data-dir",
                            dir.resolve("broker").toString(),
                            "--sasl-mechanism",
                            "PLAIN",
                            "--tls-keystore",
                            keyStore.toString())
                    .env(
                            "SSI_BROKER_SASL_USERS",
                            "streams:" + STREAMS_PASSWORD + ",trainer:" + TRAINER_PASSWORD + ",replay:"
                                    + REPLAY_PASSWORD)
                    .env("SSI_BROKER_TLS_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD)
                    .jvm(VERBOSE_KAFKA)
                    .workDir(dir)
                    .start();
            processes.add(broker);
            String bootstrap = bootstrap(broker);
            assertTrue(broker.log().contains("SASL_SSL PLAIN"), broker.tail(5));

            // 3. All three clients with the trust store: the settings in their files, one password from the
            // environment.
            Map<String, String> tls = new LinkedHashMap<>();
            tls.put("kafka.security.protocol", "SASL_SSL");
            tls.put("kafka.sasl.mechanism", "PLAIN");
            tls.put("kafka.ssl.truststore.location", trustStore.toString());
            tls.put("kafka.ssl.truststore.type", "PKCS12");
            tls.put("kafka.ssl.truststore.password", TRUSTSTORE_PASSWORD);
            Path csv = samplesCsv();
            ChildProcess streams = streams(
                            logs,
                            "streams",
                            bootstrap,
                            tls,
                            jaas(BrokerSecurity.Mechanism.PLAIN, "streams", STREAMS_PASSWORD))
                    .start();
            ChildProcess trainer = trainer(logs, "trainer", bootstrap, tls, "trainer", TRAINER_PASSWORD)
                    .start();
            processes.addAll(List.of(streams, trainer));
            int streamsPort = AppProcess.metricsPort(streams, 0, Duration.ofSeconds(90));
            int trainerPort = AppProcess.metricsPort(trainer, 0, Duration.ofSeconds(90));
            ChildProcess replay = replay(
                            logs,
                            "replay",
                            bootstrap,
                            tls,
                            jaas(BrokerSecurity.Mechanism.PLAIN, "replay", REPLAY_PASSWORD),
                            csv)
                    .start();
            processes.add(replay);
            assertEquals(0, replay.awaitExit(Duration.ofSeconds(120)), replay.tail(5));
            long samples = Long.parseLong(
                    replay.awaitLog("sent (\\d+) of", 0, Duration.ofSeconds(1)).group(1));
            Await.until(
                    "the replayed samples trained",
                    Duration.ofSeconds(120),
                    () -> Scrape.valueAt(trainerPort, "ssi_trainer_samples_total") >= samples,
                    () -> trainer.tail(5));
            Await.until(
                    "the streams-app RUNNING",
                    Duration.ofSeconds(120),
                    () -> Scrape.health(streamsPort) == 200,
                    () -> streams.tail(5));
            Await.until(
                    "the streams-app to process the trainer's features",
                    Duration.ofSeconds(120),
                    () -> Scrape.valueAt(streamsPort, "ssi_records_processed_total{view=\"model\"}") >= samples,
                    () -> streams.tail(5));
            figures.put("samples replayed, trained and processed over SASL_SSL/PLAIN", samples);

            // 4. A client without the trust store: refused at the TLS handshake, and told so.
            Map<String, String> untrusting = new LinkedHashMap<>(tls);
            untrusting.keySet().removeIf(k -> k.startsWith("kafka.ssl.truststore"));
            ChildProcess stranger = replay(
                            logs,
                            "replay-untrusting",
                            bootstrap,
                            untrusting,
                            jaas(BrokerSecurity.Mechanism.PLAIN, "replay", REPLAY_PASSWORD),
                            csv)
                    .start();
            processes.add(stranger);
            assertEquals(1, stranger.awaitExit(FAIL_FAST), stranger.tail(5));
            assertTrue(
                    stranger.log()
                            .contains("the TLS handshake with Kafka at " + bootstrap + " failed: SSL handshake failed"),
                    stranger.tail(5));
            figures.put("client without the trust store: ssi replay exits (status 1) after, s", stranger.exitSeconds())
                    .put("its message", lastLine(stranger, "ssi replay: "));

            // 5. No secret in /metrics or the logs.
            String metrics =
                    Scrape.of(streamsPort).text() + Scrape.of(trainerPort).text();
            assertNoSecrets(
                    "/metrics",
                    metrics,
                    STREAMS_PASSWORD,
                    TRAINER_PASSWORD,
                    REPLAY_PASSWORD,
                    KEYSTORE_PASSWORD,
                    TRUSTSTORE_PASSWORD);
            streams.stop(Duration.ofSeconds(60));
            trainer.stop(Duration.ofSeconds(120));
            broker.stop(Duration.ofSeconds(60));
            String all = allLogs(logs);
            assertNoSecrets(
                    "the logs",
                    all,
                    STREAMS_PASSWORD,
                    TRAINER_PASSWORD,
                    REPLAY_PASSWORD,
                    KEYSTORE_PASSWORD,
                    TRUSTSTORE_PASSWORD);
            assertTrue(
                    all.contains("ssl.truststore.password = [hidden]"),
                    "the Kafka clients log their trust store settings, masked");
            figures.put("log lines searched", all.lines().count()).put("passwords found in logs or /metrics", 0);
        } finally {
            processes.forEach(ChildProcess::close);
            figures.write();
        }
    }

    @Test
    void shouldApplyTheUsersOfEachStartToTheSameDataDirectory() throws Exception {
        Path data = dir.resolve("users-broker");
        EmbeddedKafkaBroker.Options options =
                EmbeddedKafkaBroker.Options.defaults().withDataDir(data);
        BrokerSecurity.Mechanism scram = BrokerSecurity.Mechanism.SCRAM_SHA_256;

        // 1. First start: alice and bob.
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                options.withSecurity(BrokerSecurity.sasl(scram, Map.of("alice", "alice-pw-1", "bob", "bob-pw-1"))))) {
            expect("ok", broker, "alice", "alice-pw-1");
            expect("ok", broker, "bob", "bob-pw-1");
            expect("refused", broker, "bob", "wrong");
        }
        // 2. Same directory: bob removed, alice's password changed.
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                options.withSecurity(BrokerSecurity.sasl(scram, Map.of("alice", "alice-pw-2"))))) {
            expect("ok", broker, "alice", "alice-pw-2");
            expect("refused", broker, "alice", "alice-pw-1");
            expect("refused", broker, "bob", "bob-pw-1");
        }
        // 3. Another SCRAM mechanism, or SCRAM on a directory made without it: refused with what to do.
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> EmbeddedKafkaBroker.start(options.withSecurity(
                        BrokerSecurity.sasl(BrokerSecurity.Mechanism.SCRAM_SHA_512, Map.of("alice", "alice-pw-2")))));
        assertTrue(e.getMessage().contains("--sasl-mechanism SCRAM-SHA-256"), e.getMessage());
        Path plainData = dir.resolve("plaintext-broker");
        EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Options.defaults().withDataDir(plainData))
                .close();
        e = assertThrows(
                IllegalStateException.class,
                () -> EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Options.defaults()
                        .withDataDir(plainData)
                        .withSecurity(BrokerSecurity.sasl(scram, Map.of("alice", "pw")))));
        assertTrue(e.getMessage().contains("created without SCRAM users"), e.getMessage());
        // 4. PLAIN keeps its users in the listener's settings: any directory will do.
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Options.defaults()
                .withDataDir(plainData)
                .withSecurity(BrokerSecurity.sasl(BrokerSecurity.Mechanism.PLAIN, Map.of("carol", "carol-pw"))))) {
            expect("ok", broker, "carol", "carol-pw");
            expect("refused", broker, "carol", "nope");
        }
    }

    /** Waits (a password change reaches the broker's metadata within milliseconds) until connecting gives {@code expected}. */
    private static void expect(String expected, EmbeddedKafkaBroker broker, String user, String password)
            throws Exception {
        String[] last = {""};
        Await.until(
                user + " to be " + expected,
                Duration.ofSeconds(20),
                () -> {
                    last[0] = connect(broker, user, password);
                    return last[0].equals(expected);
                },
                () -> "last: " + last[0]);
    }

    /** "ok" when {@code user} can describe the cluster, "refused" when the broker refuses the credentials. */
    private static String connect(EmbeddedKafkaBroker broker, String user, String password) throws Exception {
        Properties p = new Properties();
        p.putAll(broker.clientConfig(user, password));
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            return "ok";
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof AuthenticationException) {
                return "refused";
            }
            throw ex;
        }
    }

    // ---- the processes ----

    private ChildProcess.Builder streams(
            Path logs, String name, String bootstrap, Map<String, String> security, String jaas) throws IOException {
        Map<String, String> s = Configs.streams(bootstrap, "ssi-streams-app", dir.resolve("state-" + name));
        s.putAll(security);
        // The JAAS line (it holds the password) from the environment, the rest from the file.
        return AppProcess.configured(name, "streams", s, dir, logs)
                .env("SSI_KAFKA_SASL_JAAS_CONFIG", jaas)
                .jvm(VERBOSE_KAFKA);
    }

    private ChildProcess.Builder trainer(
            Path logs, String name, String bootstrap, Map<String, String> security, String user, String password)
            throws IOException {
        Map<String, String> t = Configs.trainer(bootstrap, dir.resolve("checkpoints-" + name));
        t.putAll(security);
        // Everything in the file: the way a deployment would mount a secret file.
        t.put(
                "kafka.sasl.jaas.config",
                jaas(BrokerSecurity.Mechanism.fromKafkaName(security.get("kafka.sasl.mechanism")), user, password));
        return AppProcess.configured(name, "train", t, dir, logs).jvm(VERBOSE_KAFKA);
    }

    private ChildProcess.Builder replay(
            Path logs, String name, String bootstrap, Map<String, String> security, String jaas, Path csv)
            throws IOException {
        return AppProcess.ssi(
                        name,
                        logs.resolve(name + ".log"),
                        "replay",
                        "--dataset",
                        "csv:" + csv,
                        "--bootstrap-servers",
                        bootstrap,
                        "--config",
                        Configs.write(dir.resolve(name + ".properties"), security)
                                .toString())
                .env("SSI_KAFKA_SASL_JAAS_CONFIG", jaas)
                .jvm(VERBOSE_KAFKA)
                .workDir(dir);
    }

    private static String jaas(BrokerSecurity.Mechanism mechanism, String user, String password) {
        return BrokerSecurity.jaasConfig(mechanism, user, password);
    }

    private static String bootstrap(ChildProcess broker) throws Exception {
        return broker.awaitLog("KAFKA_BOOTSTRAP_SERVERS=(\\S+)", 0, Duration.ofSeconds(120))
                .group(1);
    }

    /** A CSV data set for ssi replay: label,f1..f8 rows of the classes the trainer knows. */
    private Path samplesCsv() throws IOException {
        Path csv = dir.resolve("samples.csv");
        if (Files.exists(csv)) {
            return csv;
        }
        StringBuilder b = new StringBuilder();
        for (SampleData.Sample s : SampleData.samples(CSV_ROWS, 8, "csv-", 5)) {
            b.append(s.label());
            for (float x : s.data()) {
                b.append(',').append(x);
            }
            b.append('\n');
        }
        Files.writeString(csv, b.toString(), StandardCharsets.UTF_8);
        return csv;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        Collections.addAll(command, args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool " + args[0] + ": " + out);
    }

    // ---- checks ----

    private static void assertNoSecrets(String where, String text, String... secrets) {
        for (String secret : secrets) {
            int at = text.indexOf(secret);
            assertEquals(
                    -1,
                    at,
                    () -> "a password appears in " + where + ": ..."
                            + text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 50))
                                    .replace(secret, "<PASSWORD>")
                            + "...");
        }
    }

    private static String allLogs(Path logs) throws IOException {
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(logs)) {
            for (Path f : files.sorted().toList()) {
                b.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }

    private static String lastLine(ChildProcess p, String prefix) {
        return p.log()
                .lines()
                .filter(l -> l.startsWith(prefix))
                .reduce((a, b) -> b)
                .orElse("(none)");
    }

    /**
     * Tries the port on the first non-loopback IPv4 address of this host: "refused" when nothing
     * listens there (the endpoint is bound to 127.0.0.1), "no other interface" when the host has none.
     */
    private static String reachableFromOtherInterface(int port) throws IOException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nif.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && nif.isUp()) {
                    try (Socket s = new Socket()) {
                        assertThrows(
                                IOException.class,
                                () -> s.connect(new InetSocketAddress(address, port), 2000),
                                "/metrics answers on " + address);
                    }
                    return "refused on " + address.getHostAddress();
                }
            }
        }
        return "no other interface";
    }
}
