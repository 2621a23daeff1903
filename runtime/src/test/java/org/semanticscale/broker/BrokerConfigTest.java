package org.semanticscale.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings a node is started with, and the options refused before anything starts. */
class BrokerConfigTest {
    private static final ControllerQuorum THREE =
            ControllerQuorum.parse("1@localhost:19093,2@localhost:29093,3@localhost:39093");
    private static final Path LOGS = Path.of("/data/logs");

    @Test
    void shouldSizeASingleNodeForOneReplica() {
        Map<String, String> c = EmbeddedKafkaBroker.brokerConfig(
                "127.0.0.1", 9092, 1, ControllerQuorum.single(1, "127.0.0.1", 9093), LOGS, "PLAINTEXT");
        assertEquals("1", c.get("node.id"));
        assertEquals("1@127.0.0.1:9093", c.get("controller.quorum.voters"));
        assertEquals("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093", c.get("listeners"));
        for (String key : new String[] {
            "offsets.topic.replication.factor",
            "transaction.state.log.replication.factor",
            "transaction.state.log.min.isr",
            "share.coordinator.state.topic.replication.factor",
            "share.coordinator.state.topic.min.isr",
            "min.insync.replicas",
            "default.replication.factor"
        }) {
            assertEquals("1", c.get(key), key);
        }
        assertEquals("2097152", c.get("log.cleaner.dedupe.buffer.size"));
    }

    @Test
    void shouldReplicateInternalTopicsThreeTimesWithTwoInSyncOnAThreeNodeCluster() {
        Map<String, String> c = EmbeddedKafkaBroker.brokerConfig("127.0.0.1", 29092, 2, THREE, LOGS, "PLAINTEXT");
        assertEquals("2", c.get("node.id"));
        assertEquals(THREE.toString(), c.get("controller.quorum.voters"));
        assertEquals("PLAINTEXT://127.0.0.1:29092,CONTROLLER://localhost:29093", c.get("listeners"));
        assertEquals("PLAINTEXT://127.0.0.1:29092", c.get("advertised.listeners"));
        assertEquals("3", c.get("offsets.topic.replication.factor"));
        assertEquals("3", c.get("transaction.state.log.replication.factor"));
        assertEquals("3", c.get("share.coordinator.state.topic.replication.factor"));
        assertEquals("3", c.get("default.replication.factor"));
        assertEquals("2", c.get("transaction.state.log.min.isr"));
        assertEquals("2", c.get("share.coordinator.state.topic.min.isr"));
        assertEquals("2", c.get("min.insync.replicas"));
    }

    @Test
    void shouldUseEveryVoterWhenFewerThanThree() {
        assertEquals(2, EmbeddedKafkaBroker.replicas(2));
        assertEquals(2, EmbeddedKafkaBroker.minInSync(2));
        assertEquals(3, EmbeddedKafkaBroker.replicas(5));
        assertEquals(2, EmbeddedKafkaBroker.minInSync(5));
        assertEquals(1, EmbeddedKafkaBroker.minInSync(1));
    }

    @Test
    void shouldRefuseOptionsThatCannotMakeAClusterNode() {
        EmbeddedKafkaBroker.Options node = EmbeddedKafkaBroker.Options.defaults()
                .withPort(19092)
                .withDataDir(Path.of("d1"))
                .withNode(1, THREE);
        node.validate();
        assertRefused(node.withNode(4, THREE), "node id 4 is not among the voters");
        assertRefused(node.withPort(19093), "--port 19093 is node 1's controller port");
        assertRefused(node.withPort(70000), "--port 70000: must be in 0..65535");
        assertRefused(node.withDataDir(null), "needs --data-dir");
        assertRefused(
                node.withSecurity(BrokerSecurity.sasl(BrokerSecurity.Mechanism.SCRAM_SHA_256, Map.of("a", "b"))),
                "single node only");
        assertRefused(node.withClusterId("not-an-id"), "--cluster-id 'not-an-id'");
    }

    @Test
    void shouldRefuseAControllerPortInUseBeforeFormattingAnything() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            ControllerQuorum quorum =
                    ControllerQuorum.parse("1@127.0.0.1:" + taken.getLocalPort() + ",2@127.0.0.1:1,3@127.0.0.1:2");
            Path data = Path.of("target", "never-created-" + taken.getLocalPort());
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Options.defaults()
                            .withDataDir(data)
                            .withNode(1, quorum)));
            assertTrue(
                    e.getMessage().contains("node 1's controller port 127.0.0.1:" + taken.getLocalPort()),
                    e.getMessage());
            assertTrue(!data.toFile().exists(), "nothing written");
        }
    }

    private static void assertRefused(EmbeddedKafkaBroker.Options options, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, options::validate);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
