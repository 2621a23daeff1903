package org.semanticscale.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renamed keys: the old name is read under the new one, with one warning, for one release. Removed keys: refused
 * in a file or an override, warned about in the environment.
 */
class ConfigSourcesTest {
    private static final Map<String, String> DEFAULTS =
            Map.of("metrics.max-classes", "100", "features.dimension", "64");

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    @Test
    void shouldUseTheValueOfAnOldKeyInTheFileAndWarnOnce() throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "metrics.max-class-tags=7\n");

        Map<String, String> merged = ConfigSources.merge(DEFAULTS, file, Map.of(), Map.of(), warnings::add);

        assertEquals("7", merged.get("metrics.max-classes"));
        assertFalse(merged.containsKey("metrics.max-class-tags"), "only the new name reaches the app");
        assertEquals(1, warnings.size(), warnings.toString());
        String warning = warnings.get(0);
        assertTrue(
                warning.contains("'metrics.max-class-tags'")
                        && warning.contains("'metrics.max-classes'")
                        && warning.contains(file.toString()),
                warning);
    }

    @Test
    void shouldReadTheOldEnvironmentVariableUnderTheNewKey() throws Exception {
        Map<String, String> merged =
                ConfigSources.merge(DEFAULTS, null, Map.of("SSI_FEATURES_DIM", "16"), Map.of(), warnings::add);

        assertEquals("16", merged.get("features.dimension"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(
                warnings.get(0).contains("SSI_FEATURES_DIM") && warnings.get(0).contains("'features.dimension'"),
                warnings.get(0));
    }

    @Test
    void shouldWarnOnceForAnOldKeyInSeveralSourcesAndKeepTheirPrecedence() throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "features.dim=8\n");

        Map<String, String> merged =
                ConfigSources.merge(DEFAULTS, file, Map.of(), Map.of("features.dim", "32"), warnings::add);

        assertEquals("32", merged.get("features.dimension"), "overrides over file, as for any key");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(
                warnings.get(0).contains(file.toString()) && warnings.get(0).contains("an override"), warnings.get(0));
    }

    @Test
    void shouldLetTheNewKeyOfALaterSourceWinOverTheOldKeyOfAnEarlierOne() throws Exception {
        Map<String, String> merged = ConfigSources.merge(
                DEFAULTS,
                null,
                Map.of("SSI_METRICS_MAX_CLASS_TAGS", "5"),
                Map.of("metrics.max-classes", "9"),
                warnings::add);

        assertEquals("9", merged.get("metrics.max-classes"));
        assertEquals(1, warnings.size(), "the old variable is still set: " + warnings);
    }

    @Test
    void shouldRefuseBothNamesOfOneKeyInOneSource() throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "metrics.max-class-tags=7\nmetrics.max-classes=8\n");

        ConfigException e = assertThrows(
                ConfigException.class, () -> ConfigSources.merge(DEFAULTS, file, Map.of(), Map.of(), warnings::add));

        assertEquals("metrics.max-class-tags", e.key());
        assertTrue(e.getMessage().contains("keep only 'metrics.max-classes'"), e.getMessage());
    }

    @Test
    void shouldRefuseBothEnvironmentVariablesOfOneKey() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> ConfigSources.merge(
                        DEFAULTS,
                        null,
                        Map.of("SSI_FEATURES_DIM", "16", "SSI_FEATURES_DIMENSION", "32"),
                        Map.of(),
                        warnings::add));

        assertEquals("features.dim", e.key());
        assertTrue(e.getMessage().contains("SSI_FEATURES_DIMENSION"), e.getMessage());
    }

    @Test
    void shouldNotWarnWhenOnlyNewKeysAreUsed() throws Exception {
        Map<String, String> merged = ConfigSources.merge(
                DEFAULTS,
                null,
                Map.of("SSI_FEATURES_DIMENSION", "16"),
                Map.of("metrics.max-classes", "3"),
                warnings::add);

        assertEquals(Map.of("features.dimension", "16", "metrics.max-classes", "3"), merged);
        assertEquals(List.of(), warnings);
    }

    @Test
    void shouldIgnoreTheOldEnvironmentVariableOfAKeyTheAppDoesNotHave() throws Exception {
        Map<String, String> merged = ConfigSources.merge(
                Map.of("metrics.max-classes", "100"), null, Map.of("SSI_FEATURES_DIM", "16"), Map.of(), warnings::add);

        assertEquals(Map.of("metrics.max-classes", "100"), merged, "like any SSI_ variable of another app");
        assertEquals(List.of(), warnings);
    }

    @Test
    void shouldKeepAnOldNameForAnAppThatStillUsesIt() throws Exception {
        // The trainer keeps metrics.max-class-tags; only the streams-app renamed it to metrics.max-classes.
        Path file = dir.resolve("trainer.properties");
        Files.writeString(file, "metrics.max-class-tags=5\n");

        Map<String, String> merged =
                ConfigSources.merge(Map.of("metrics.max-class-tags", "100"), file, Map.of(), Map.of(), warnings::add);

        assertEquals(Map.of("metrics.max-class-tags", "5"), merged);
        assertEquals(List.of(), warnings);
    }

    @Test
    void shouldStillRefuseUnknownKeysAndNameTheNewKeyForAnOldOneGivenDirectly() {
        Settings typo = new Settings(Map.of("metrics.max-class", "5"));
        assertEquals(
                "metrics.max-class",
                assertThrows(ConfigException.class, () -> typo.requireKnownKeys(DEFAULTS.keySet()))
                        .key());

        Settings old = new Settings(Map.of("features.dim", "5"));
        ConfigException e = assertThrows(ConfigException.class, () -> old.requireKnownKeys(DEFAULTS.keySet()));
        assertEquals("features.dim", e.key());
        assertTrue(e.getMessage().contains("renamed to 'features.dimension'"), e.getMessage());
    }

    @Test
    void shouldRefuseARemovedKeyInAFileSayingWhatReplacedIt() throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "saturation.step=256\n");
        Settings settings = new Settings(ConfigSources.merge(DEFAULTS, file, Map.of(), Map.of(), warnings::add));

        ConfigException e = assertThrows(ConfigException.class, () -> settings.requireKnownKeys(DEFAULTS.keySet()));

        assertEquals("saturation.step", e.key());
        assertTrue(
                e.getMessage().contains("was removed") && e.getMessage().contains("saturation.threshold"),
                e.getMessage());
    }

    @Test
    void shouldWarnAboutTheEnvironmentVariableOfARemovedKey() throws Exception {
        Map<String, String> merged =
                ConfigSources.merge(DEFAULTS, null, Map.of("SSI_SATURATION_STEP", "256"), Map.of(), warnings::add);

        assertEquals(DEFAULTS, merged, "the variable sets nothing");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("SSI_SATURATION_STEP")
                && warnings.get(0).contains("removed"));
    }
}
