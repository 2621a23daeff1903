package org.semanticscale.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void precedenceIsDefaultsThenFileThenEnvironmentThenCommandLine() throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "window.span = 5m\nscale.interval=2s\nwindow.max-per-class=100\n");
        Map<String, String> defaults = Map.of(
                "window.span", "10m", "scale.interval", "1s", "window.max-per-class", "2048", "alert.threshold", "0.5");
        Map<String, String> env = Map.of(
                "SSI_SCALE_INTERVAL",
                "3s",
                "SSI_WINDOW_MAX_PER_CLASS",
                "300",
                "KAFKA_BOOTSTRAP_SERVERS",
                "h:9092",
                "SSI_KAFKA_SECURITY_PROTOCOL",
                "SASL_SSL",
                "SSI_UNRELATED",
                "x");
        Map<String, String> merged = ConfigSources.merge(defaults, file, env, Map.of("window.max-per-class", "400"));
        Settings s = new Settings(merged);
        assertEquals(Duration.ofMinutes(5), s.duration("window.span"), "file over default");
        assertEquals(Duration.ofSeconds(3), s.duration("scale.interval"), "environment over file");
        assertEquals(400, s.intValue("window.max-per-class", 1, 100_000), "command line over environment");
        assertEquals(0.5, s.doubleValue("alert.threshold", 0, 1), "default when nothing else");
        assertEquals("h:9092", s.kafkaClientProperties().getProperty("bootstrap.servers"));
        assertEquals("SASL_SSL", s.kafkaClientProperties().getProperty("security.protocol"));
        assertTrue(!merged.containsKey("unrelated"), "unknown SSI_ variables are not settings");
    }

    enum Colour {
        DARK_RED("dark-red"),
        BLUE("blue");

        final String configName;

        Colour(String configName) {
            this.configName = configName;
        }
    }

    @Test
    void aChoiceIsTheConstantWithThatNameOrAnErrorListingTheNames() {
        Settings s = new Settings(Map.of("a", " Dark-Red ", "b", "green"));
        assertEquals(Colour.DARK_RED, s.choice("a", Colour.values(), c -> c.configName));
        ConfigException e =
                assertThrows(ConfigException.class, () -> s.choice("b", Colour.values(), c -> c.configName));
        assertTrue(e.getMessage().contains("'b'") && e.getMessage().contains("[dark-red, blue]"), e.getMessage());
    }

    @Test
    void errorsNameTheKeyAndTheValue() {
        Settings s = new Settings(Map.of("a", "abc", "b", "7", "c", "-1s", "d", "maybe", "e", "0.2"));
        ConfigException e = assertThrows(ConfigException.class, () -> s.intValue("a", 0, 10));
        assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("'abc'"), e.getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> s.intValue("b", 0, 5))
                .getMessage()
                .contains("[0, 5]"));
        assertTrue(assertThrows(ConfigException.class, () -> s.duration("c"))
                .getMessage()
                .contains("duration"));
        assertTrue(assertThrows(ConfigException.class, () -> s.booleanValue("d"))
                .getMessage()
                .contains("true or false"));
        assertTrue(assertThrows(ConfigException.class, () -> s.string("missing"))
                .getMessage()
                .contains("SSI_MISSING"));
        assertTrue(assertThrows(ConfigException.class, () -> s.string("e", java.util.List.of("x", "y")))
                .getMessage()
                .contains("[x, y]"));
        assertEquals(
                "a",
                assertThrows(ConfigException.class, () -> s.requireKnownKeys(Set.of("b", "c", "d", "e")))
                        .key());
    }

    @Test
    void durationsTakeUnitsIsoAndMilliseconds() {
        Settings s = new Settings(Map.of("a", "500ms", "b", "PT10M", "c", "250", "d", "2h"));
        assertEquals(Duration.ofMillis(500), s.duration("a"));
        assertEquals(Duration.ofMinutes(10), s.duration("b"));
        assertEquals(Duration.ofMillis(250), s.duration("c"));
        assertEquals(Duration.ofHours(2), s.duration("d"));
    }

    @Test
    void secretsAreNeverInTheRedactedView() {
        Settings s = new Settings(Map.of(
                "kafka.sasl.jaas.config",
                "org... password=\"hunter2\";",
                "kafka.ssl.truststore.password",
                "pw",
                "window.span",
                "10m"));
        assertEquals("[hidden]", s.redacted().get("kafka.sasl.jaas.config"));
        assertEquals("[hidden]", s.redacted().get("kafka.ssl.truststore.password"));
        assertEquals("10m", s.redacted().get("window.span"));
        assertTrue(!s.redacted().toString().contains("hunter2"));
    }

    @Test
    void aMissingConfigFileIsAClearError() {
        assertThrows(
                NoSuchFileException.class,
                () -> ConfigSources.merge(Map.of(), dir.resolve("nope.properties"), Map.of(), Map.of()));
    }
}
