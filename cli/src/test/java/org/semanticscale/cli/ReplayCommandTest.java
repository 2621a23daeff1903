package org.semanticscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.semanticscale.broker.EmbeddedKafkaBroker;

class ReplayCommandTest {
    private static final String EXAMPLE = "csv:../examples/lt-10-classes.csv";

    @Test
    void failsFastWithTheAppsWordsWhenNoBrokerAnswers() throws Exception {
        String nowhere = "127.0.0.1:" + EmbeddedKafkaBroker.freePort();
        long start = System.nanoTime();
        CliRun run = CliRun.of(
                "replay", "--dataset", EXAMPLE, "--bootstrap-servers", nowhere, "--set", "connection.timeout=2s");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no Kafka broker reachable at " + nowhere + " within 2 s"), run.err());
        assertTrue((System.nanoTime() - start) / 1e9 < 15, "gave up quickly");
    }

    @Test
    void aKeyOtherThanKafkaOrTheTimeoutIsRefused() {
        CliRun run = CliRun.of("replay", "--dataset", EXAMPLE, "--set", "window.span=5m");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("'window.span'"), run.err());
    }
}
