package org.semanticscale.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validated reads of merged configuration. Every failure is a {@link ConfigException} naming
 * the key, the bad value and what is expected. Unknown keys (outside {@code kafka.}) are refused so a
 * typo does not silently fall back to a default.
 */
public final class Settings {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");
    private static final Set<String> SECRET_WORDS = Set.of("password", "secret", "jaas", "token", "credential");

    private final Map<String, String> values;

    public Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Refuses keys that are neither known nor Kafka client settings. */
    public Settings requireKnownKeys(Set<String> known) {
        for (String key : values.keySet()) {
            String renamed = ConfigSources.RENAMED_KEYS.get(key);
            if (renamed != null && known.contains(renamed)) {
                throw new ConfigException(key, values.get(key), "renamed to '" + renamed + "'; use that name");
            }
            String removed = ConfigSources.REMOVED_KEYS.get(key);
            if (removed != null) {
                throw new ConfigException(key, values.get(key), "this setting was removed: " + removed + ". Delete it");
            }
            if (!known.contains(key) && !key.startsWith("kafka.")) {
                throw new ConfigException(
                        key,
                        values.get(key),
                        "unknown setting; known ones are " + new java.util.TreeSet<>(known)
                                + " and kafka.* client settings");
            }
        }
        return this;
    }

    public String string(String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            throw new ConfigException(
                    key,
                    null,
                    "set it in the config file, as " + ConfigSources.environmentName(key) + ", or on the command line");
        }
        return v;
    }

    public String string(String key, List<String> allowed) {
        String v = string(key).toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new ConfigException(key, v, "expected one of " + allowed);
        }
        return v;
    }

    /** The constant of {@code values} whose {@code name} is the key's value (case-insensitive). */
    public <E extends Enum<E>> E choice(String key, E[] values, Function<E, String> name) {
        String v = string(key).trim().toLowerCase(Locale.ROOT);
        for (E e : values) {
            if (name.apply(e).equals(v)) {
                return e;
            }
        }
        throw new ConfigException(
                key, v, "expected one of " + Arrays.stream(values).map(name).toList());
    }

    public int intValue(String key, int min, int max) {
        long v = longValue(key, min, max);
        return (int) v;
    }

    public long longValue(String key, long min, long max) {
        String s = string(key);
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, s, "expected an integer");
        }
        if (v < min || v > max) {
            throw new ConfigException(key, s, "expected an integer in [" + min + ", " + max + "]");
        }
        return v;
    }

    public double doubleValue(String key, double min, double max) {
        String s = string(key);
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, s, "expected a number");
        }
        if (!(v >= min && v <= max)) {
            throw new ConfigException(key, s, "expected a number in [" + min + ", " + max + "]");
        }
        return v;
    }

    public boolean booleanValue(String key) {
        String s = string(key).toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            throw new ConfigException(key, s, "expected true or false");
        }
        return s.equals("true");
    }

    /** A positive duration: {@code 500ms}, {@code 10s}, {@code 10m}, {@code 1h}, {@code 2d}, ISO-8601 {@code PT10M}, or plain milliseconds. */
    public Duration duration(String key) {
        String s = string(key).trim();
        Duration d;
        Matcher m = DURATION.matcher(s.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "ms" : m.group(2);
            d = switch (unit) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofMillis(n);
            };
        } else {
            try {
                d = Duration.parse(s);
            } catch (DateTimeParseException e) {
                throw new ConfigException(key, s, "expected a duration such as 500ms, 10s, 10m, 1h or PT10M");
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(key, s, "expected a positive duration");
        }
        return d;
    }

    /** Kafka client settings: every {@code kafka.*} key with the prefix removed. */
    public Properties kafkaClientProperties() {
        Properties p = new Properties();
        values.forEach((k, v) -> {
            if (k.startsWith("kafka.") && !v.isBlank()) {
                p.setProperty(k.substring("kafka.".length()), v);
            }
        });
        return p;
    }

    /** Every setting, secrets masked: what may be logged. */
    public Map<String, String> redacted() {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, isSecret(k) ? "[hidden]" : v));
        return out;
    }

    /** True for keys whose values must never be logged or exported. */
    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    public Map<String, String> asMap() {
        return values;
    }
}
