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
    void helpExplainsTheNarrowProfileWithAnExample() {
        CliRun run = CliRun.of("replay", "--help");
        assertEquals(0, run.exitCode());
        String help = run.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("narrow:BASE/LABEL[+LABEL...]:K[@FROM[-TO]]"), help);
        assertTrue(help.contains("narrow:balanced/4:20@0.5"), help);
    }

    @Test
    void aNarrowProfileOfAnUnknownClassIsABadProfile() {
        CliRun run = CliRun.of("replay", "--dataset", EXAMPLE, "--profile", "narrow:balanced/nope:5");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("class 'nope' is not in the data set's classes"), run.err());
    }

    @Test
    void aKeyOtherThanKafkaOrTheTimeoutIsRefused() {
        CliRun run = CliRun.of("replay", "--dataset", EXAMPLE, "--set", "window.span=5m");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("'window.span'"), run.err());
    }
}
