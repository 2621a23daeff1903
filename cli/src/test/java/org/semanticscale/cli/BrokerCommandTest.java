package org.semanticscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.broker.EmbeddedKafkaBroker;
import picocli.CommandLine;

/** ssi broker's cluster options: what they make, and what they refuse (status 2) before anything starts. */
class BrokerCommandTest {
    private static final String QUORUM = "1@localhost:19093,2@localhost:29093,3@localhost:39093";

    @TempDir
    Path dir;

    private static EmbeddedKafkaBroker.Options parse(String... args) {
        BrokerCommand command = new BrokerCommand();
        new CommandLine(command).parseArgs(args);
        return command.options();
    }

    @Test
    void shouldMakeASingleNodeByDefault() {
        EmbeddedKafkaBroker.Options o = parse();
        assertEquals(9092, o.port());
        assertEquals(1, o.nodeId());
        assertNull(o.quorum());
        assertNull(o.clusterId());
        assertEquals(1, o.voters());
    }

    @Test
    void shouldMakeOneNodeOfTheQuorum() {
        EmbeddedKafkaBroker.Options o =
                parse("--node-id", "2", "--port", "29092", "--controller-quorum", QUORUM, "--data-dir", dir.toString());
        assertEquals(2, o.nodeId());
        assertEquals(29092, o.port());
        assertEquals(3, o.voters());
        assertEquals(QUORUM, o.quorum().toString());
        assertEquals("localhost", o.quorum().voter(2).host());
        assertEquals(29093, o.quorum().voter(2).port());
    }

    @Test
    void shouldRefuseANodeThatIsNotAVoter() {
        CliRun run = CliRun.of(
                "broker", "--node-id", "4", "--port", "0", "--controller-quorum", QUORUM, "--data-dir", dir.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("node id 4 is not among the voters of --controller-quorum " + QUORUM), run.err());
        assertEquals("", run.out());
    }

    @Test
    void shouldRefuseAMalformedQuorumAClusterNodeWithoutDataAndAnUnusableClusterId() {
        CliRun run = CliRun.of("broker", "--port", "0", "--controller-quorum", "1@localhost");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("entry '1@localhost': expected ID@HOST:PORT"), run.err());

        run = CliRun.of("broker", "--port", "0", "--controller-quorum", QUORUM);
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("needs --data-dir"), run.err());

        run = CliRun.of("broker", "--port", "0", "--cluster-id", "abc");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--cluster-id 'abc'"), run.err());
    }

    @Test
    void shouldRefuseAClientPortThatIsTheControllerPort() {
        CliRun run =
                CliRun.of("broker", "--port", "19093", "--controller-quorum", QUORUM, "--data-dir", dir.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--port 19093 is node 1's controller port"), run.err());
    }

    @Test
    void shouldRefuseAPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int p = taken.getLocalPort();
            CliRun run = CliRun.of("broker", "--port", Integer.toString(p), "--data-dir", dir.toString());
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().contains("--port 127.0.0.1:" + p + " cannot be listened on here"), run.err());
        }
    }

    @Test
    void helpShouldDescribeTheClusterOptions() {
        CliRun run = CliRun.of("broker", "--help");
        assertEquals(0, run.exitCode());
        for (String option : new String[] {"--node-id", "--controller-quorum", "--cluster-id", "--data-dir"}) {
            assertTrue(run.out().contains(option), option + " in " + run.out());
        }
        assertTrue(run.out().contains("KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:19092,127.0.0.1:29092,127.0.0.1:39092"));
    }
}
