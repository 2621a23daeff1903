package org.semanticscale.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges configuration from, lowest precedence first: the defaults in code, a properties file
 * ({@code config/*.properties}), environment variables, and command-line overrides.
 *
 * <p>Environment variables are {@code SSI_} and the key in upper case with dots and dashes as
 * underscores: {@code SSI_WINDOW_MAX_PER_CLASS} sets {@code window.max-per-class}. Kafka client
 * settings are keys under {@code kafka.} ({@code SSI_KAFKA_SECURITY_PROTOCOL} sets
 * {@code kafka.security.protocol}), and the standard {@code KAFKA_BOOTSTRAP_SERVERS} sets
 * {@code kafka.bootstrap.servers}. Other {@code SSI_} variables are not settings of this app and are
 * left alone.
 *
 * <p>A key in {@link #RENAMED_KEYS} is read under its new name: each source's old key is renamed
 * before the sources are layered, and one warning per old key says where it was found. A key in
 * {@link #REMOVED_KEYS} no longer has any effect: a file or an override that sets it is refused (by
 * {@link Settings#requireKnownKeys}), and its environment variable, which may be meant for another app, is
 * named in a warning.
 */
public final class ConfigSources {
    public static final String ENV_PREFIX = "SSI_";
    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String BOOTSTRAP_KEY = "kafka.bootstrap.servers";

    /**
     * Old key to new key, so one concept has one name in every app. An old key keeps working for one
     * release (its value is taken, with a warning); remove it from here in the release after. A rename applies
     * only to an app that knows the new key, so two apps may rename in opposite directions: the streams-app's
     * {@code metrics.max-class-tags} (the first N classes) became {@code metrics.max-classes} (the N most urgent
     * classes, re-chosen), while the trainer keeps {@code metrics.max-class-tags} and still reads its older
     * {@code metrics.max-classes}.
     */
    public static final Map<String, String> RENAMED_KEYS = Map.of(
            "metrics.max-class-tags", "metrics.max-classes",
            "metrics.max-classes", "metrics.max-class-tags",
            "features.dim", "features.dimension",
            "trainer.connect-timeout", "connection.timeout");

    /**
     * Keys that no longer exist, with what replaced them. Setting one is an error that says so, rather than a
     * value silently ignored; remove an entry here a release after its key went.
     */
    public static final Map<String, String> REMOVED_KEYS = Map.of(
            "saturation.step",
            "a class is now saturated when half of its window spans nearly the volume of all of it"
                    + " (saturation.threshold, docs/semantic-scale.md, 'Saturation'); nothing counts arrivals any more");

    private static final Logger LOG = LoggerFactory.getLogger(ConfigSources.class);

    private ConfigSources() {}

    /**
     * The merged view.
     *
     * @param defaults  every known key with its default
     * @param file      properties file, or null for none
     * @param env       the environment (System.getenv() in production)
     * @param overrides command-line settings, highest precedence
     */
    public static Map<String, String> merge(
            Map<String, String> defaults, Path file, Map<String, String> env, Map<String, String> overrides)
            throws IOException {
        return merge(defaults, file, env, overrides, LOG::warn);
    }

    /** As {@link #merge(Map, Path, Map, Map)}, with the warnings about renamed keys sent to {@code warnings}. */
    public static Map<String, String> merge(
            Map<String, String> defaults,
            Path file,
            Map<String, String> env,
            Map<String, String> overrides,
            Consumer<String> warnings)
            throws IOException {
        Map<String, List<String>> oldKeysFound = new TreeMap<>();
        Map<String, String> merged = new TreeMap<>(defaults);
        if (file != null) {
            merged.putAll(withNewKeys(readFile(file), defaults.keySet(), key -> "file " + file, oldKeysFound));
        }
        merged.putAll(withNewKeys(
                fromEnvironment(env, defaults.keySet()),
                defaults.keySet(),
                ConfigSources::environmentName,
                oldKeysFound));
        Map<String, String> given = new TreeMap<>();
        overrides.forEach((k, v) -> {
            if (v != null) {
                given.put(k, v);
            }
        });
        merged.putAll(withNewKeys(given, defaults.keySet(), key -> "an override", oldKeysFound));
        REMOVED_KEYS.forEach((removed, why) -> {
            String name = environmentName(removed);
            if (env.containsKey(name)) {
                warnings.accept(
                        name + " sets '" + removed + "', which was removed and is ignored: " + why + ". Unset it.");
            }
        });
        oldKeysFound.forEach((old, where) -> warnings.accept("configuration '" + old + "' (" + String.join(", ", where)
                + ") is deprecated; its value is used for '" + RENAMED_KEYS.get(old) + "'. Rename it: '" + old
                + "' will stop working in the next release."));
        return merged;
    }

    /**
     * One source's settings with every old key of this app ({@code known}: it knows the new key) renamed; refuses
     * a source that sets both names of one key.
     */
    private static Map<String, String> withNewKeys(
            Map<String, String> source,
            Set<String> known,
            Function<String, String> where,
            Map<String, List<String>> oldKeysFound) {
        Map<String, String> out = new TreeMap<>(source);
        RENAMED_KEYS.forEach((old, current) -> {
            if (!out.containsKey(old) || !known.contains(current)) {
                return;
            }
            if (out.containsKey(current)) {
                throw new ConfigException(
                        old,
                        out.get(old),
                        "it is the old name of '" + current + "', which " + where.apply(current)
                                + " sets too; keep only '" + current + "'");
            }
            out.put(current, out.remove(old));
            oldKeysFound.computeIfAbsent(old, k -> new ArrayList<>()).add(where.apply(old));
        });
        return out;
    }

    /** Reads a properties file, trimming values. */
    public static Map<String, String> readFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "configuration file not found");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k.trim(), p.getProperty(k).trim()));
        return out;
    }

    /**
     * The settings environment variables carry: SSI_* for known keys (and the old names of known keys,
     * still under their old names) and kafka.*, and KAFKA_BOOTSTRAP_SERVERS.
     */
    public static Map<String, String> fromEnvironment(Map<String, String> env, Set<String> knownKeys) {
        Map<String, String> byEnvName = new TreeMap<>();
        knownKeys.forEach(k -> byEnvName.put(environmentName(k), k));
        RENAMED_KEYS.forEach((old, current) -> {
            if (knownKeys.contains(current)) {
                byEnvName.put(environmentName(old), old);
            }
        });
        Map<String, String> out = new TreeMap<>();
        String bootstrap = env.get(BOOTSTRAP_ENV);
        if (bootstrap != null && !bootstrap.isBlank()) {
            out.put(BOOTSTRAP_KEY, bootstrap.trim());
        }
        env.forEach((name, value) -> {
            String key = byEnvName.get(name);
            if (key == null && name.startsWith(ENV_PREFIX + "KAFKA_")) {
                key = "kafka."
                        + name.substring((ENV_PREFIX + "KAFKA_").length())
                                .toLowerCase(Locale.ROOT)
                                .replace('_', '.');
            }
            if (key != null) {
                out.put(key, value.trim());
            }
        });
        return out;
    }

    /** The environment variable for a key: {@code window.max-per-class} is {@code SSI_WINDOW_MAX_PER_CLASS}. */
    public static String environmentName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }
}
