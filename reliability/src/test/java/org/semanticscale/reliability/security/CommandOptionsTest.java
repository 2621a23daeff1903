package org.semanticscale.reliability.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.cli.SsiCommand;

/** ssi broker's and ssi replay's security options refuse bad input at once, without echoing a secret. */
class CommandOptionsTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private static Run ssi(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = SsiCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void brokerShouldRefuseAUserWithoutAPassword() {
        Run run = ssi("broker", "--port", "0", "--sasl-users", "alice");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("expected name:password"), run.err());
    }

    @Test
    void brokerShouldRefuseAnUnknownMechanismAndAMissingKeyStore() {
        Run run = ssi("broker", "--port", "0", "--sasl-users", "alice:Pw-9z", "--sasl-mechanism", "GSSAPI");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("unknown SASL mechanism 'GSSAPI'"), run.err());
        assertFalse(run.err().contains("Pw-9z"), run.err());
        run = ssi(
                "broker",
                "--port",
                "0",
                "--tls-keystore",
                dir.resolve("missing.p12").toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("no such file"), run.err());
    }

    @Test
    void brokerHelpShouldListTheSecurityOptions() {
        Run run = ssi("broker", "--help");
        assertEquals(0, run.status());
        assertTrue(run.out().contains("--sasl-users") && run.out().contains("--tls-keystore"), run.out());
    }

    @Test
    void replayShouldTakeKafkaSettingsFromAFileAndRefuseOtherKeys() throws Exception {
        Path config = dir.resolve("client.properties");
        Files.writeString(config, "kafka.security.protocol=SASL_SSL\nwindow.span=10m\n");
        Run run = ssi("replay", "--dataset", "csv:" + dir.resolve("none.csv"), "--config", config.toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("'window.span'") && run.err().contains("unknown setting"), run.err());
        run = ssi(
                "replay",
                "--dataset",
                "csv:x.csv",
                "--config",
                dir.resolve("missing.properties").toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("not found"), run.err());
    }
}
