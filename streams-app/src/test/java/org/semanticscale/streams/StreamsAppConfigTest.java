package org.semanticscale.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.config.ConfigException;
import org.semanticscale.config.ConfigSources;
import org.semanticscale.sketch.RandomProjection;

class StreamsAppConfigTest {
    /** Keys whose default depends on the machine, so the shipped file shows them commented out. */
    private static final Set<String> MACHINE_DEPENDENT = Set.of("state.dir");

    @TempDir
    Path dir;

    @Test
    void theShippedConfigFileHoldsTheDefaults() throws Exception {
        // config/streams-app.properties documents every key; its values must be the built-in defaults.
        Path shipped = Path.of("..", "config", "streams-app.properties");
        Map<String, String> expected = new TreeMap<>(StreamsAppConfig.DEFAULTS);
        expected.keySet().removeAll(MACHINE_DEPENDENT);
        assertEquals(
                expected,
                ConfigSources.readFile(shipped),
                "every key but the machine-dependent ones, with its default");
        List<String> lines = Files.readAllLines(shipped);
        for (String key : MACHINE_DEPENDENT) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("# " + key + "=")), key + " is shown, commented out");
        }
    }

    @Test
    void theOldNameOfARenamedKeyStillSetsIt() throws Exception {
        Path file = dir.resolve("streams-app.properties");
        Files.writeString(file, "metrics.max-class-tags=7\n");

        StreamsAppConfig c = StreamsAppConfig.load(file, Map.of(), Map.of());

        assertEquals(7, c.metricsMaxClasses());
    }

    @Test
    void aFileThatStillSetsTheRemovedSaturationStepIsRefusedSayingWhatReplacedIt() throws Exception {
        Path file = dir.resolve("streams-app.properties");
        Files.writeString(file, "saturation.step=256\n");

        ConfigException e = assertThrows(ConfigException.class, () -> StreamsAppConfig.load(file, Map.of(), Map.of()));

        assertEquals("saturation.step", e.key());
        assertTrue(e.getMessage().contains("saturation.threshold"), e.getMessage());
    }

    @Test
    void theDropAlertSettingsAreReadAndCheckedAgainstEachOther() {
        StreamsAppConfig c = StreamsAppConfig.of(Map.of());
        assertEquals(0.3, c.alertDrop());
        assertEquals(Duration.ofMinutes(10), c.alertBaseline());
        assertEquals(Duration.ofSeconds(30), c.alertBaselineMin());
        assertEquals(0.02, c.saturationThreshold());
        assertEquals(
                "alert.drop",
                assertThrows(ConfigException.class, () -> StreamsAppConfig.of(Map.of("alert.drop", "1")))
                        .key());
        assertEquals(
                "alert.baseline-min",
                assertThrows(
                                ConfigException.class,
                                () -> StreamsAppConfig.of(Map.of("alert.baseline", "20s", "alert.baseline-min", "30s")))
                        .key());
    }

    @Test
    void theInputViewSettingsAreReadAndBadValuesNamed() {
        StreamsAppConfig c = StreamsAppConfig.of(Map.of());
        assertTrue(c.inputEnabled());
        assertEquals(256, c.inputDimension());
        assertEquals(1, c.inputSeed());
        assertEquals(RandomProjection.Kind.SPARSE, c.inputProjection());
        assertEquals("ssi.samples", c.samplesTopic());
        assertEquals("ssi.input-scales", c.inputScalesTopic());
        assertEquals(
                RandomProjection.Kind.GAUSSIAN,
                StreamsAppConfig.of(Map.of("input.projection", "gaussian")).inputProjection());
        for (var bad : List.of(
                Map.of("input.projection", "dense"), Map.of("input.dimension", "1"), Map.of("input.enabled", "yes"))) {
            assertEquals(
                    bad.keySet().iterator().next(),
                    assertThrows(ConfigException.class, () -> StreamsAppConfig.of(bad))
                            .key());
        }
    }
}
