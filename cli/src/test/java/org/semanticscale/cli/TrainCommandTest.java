package org.semanticscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.semanticscale.broker.EmbeddedKafkaBroker;

class TrainCommandTest {
    @Test
    void aBadSettingIsNamedWithExitStatus2() {
        CliRun run = CliRun.of("train", "--set", "loss.type=hinge");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("'loss.type'") && run.err().contains("'hinge'"), run.err());
    }

    @Test
    void aMissingConfigFileIsNamed() {
        CliRun run = CliRun.of("train", "--config", "no-such-trainer.properties");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no-such-trainer.properties: no such configuration file"), run.err());
    }

    @Test
    void failsFastWhenNoBrokerAnswers() throws Exception {
        String nowhere = "127.0.0.1:" + EmbeddedKafkaBroker.freePort();
        long start = System.nanoTime();
        CliRun run = CliRun.of("train", "--bootstrap-servers", nowhere, "--set", "connection.timeout=2s");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no Kafka broker reachable at " + nowhere), run.err());
        assertTrue((System.nanoTime() - start) / 1e9 < 15, "gave up quickly");
    }

    @Test
    void helpListsTheOptions() {
        CliRun run = CliRun.of("train", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(
                run.out().contains("--bootstrap-servers")
                        && run.out().contains("--set")
                        && run.out().contains("--config"),
                run.out());
    }
}
