package org.semanticscale.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

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
 */
public final class ConfigSources {
    public static final String ENV_PREFIX = "SSI_";
    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String BOOTSTRAP_KEY = "kafka.bootstrap.servers";

    private ConfigSources() {
    }

    /**
     * The merged view.
     *
     * @param defaults  every known key with its default
     * @param file      properties file, or null for none
     * @param env       the environment (System.getenv() in production)
     * @param overrides command-line settings, highest precedence
     */
    public static Map<String, String> merge(Map<String, String> defaults, Path file, Map<String, String> env,
                                            Map<String, String> overrides) throws IOException {
        Map<String, String> merged = new TreeMap<>(defaults);
        if (file != null) {
            merged.putAll(readFile(file));
        }
        merged.putAll(fromEnvironment(env, defaults.keySet()));
        overrides.forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        return merged;
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

    /** The settings environment variables carry: SSI_* for known keys and kafka.*, and KAFKA_BOOTSTRAP_SERVERS. */
    public static Map<String, String> fromEnvironment(Map<String, String> env, java.util.Set<String> knownKeys) {
        Map<String, String> byEnvName = new TreeMap<>();
        knownKeys.forEach(k -> byEnvName.put(environmentName(k), k));
        Map<String, String> out = new TreeMap<>();
        String bootstrap = env.get(BOOTSTRAP_ENV);
        if (bootstrap != null && !bootstrap.isBlank()) {
            out.put(BOOTSTRAP_KEY, bootstrap.trim());
        }
        env.forEach((name, value) -> {
            String key = byEnvName.get(name);
            if (key == null && name.startsWith(ENV_PREFIX + "KAFKA_")) {
                key = "kafka." + name.substring((ENV_PREFIX + "KAFKA_").length()).toLowerCase(Locale.ROOT).replace('_', '.');
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
