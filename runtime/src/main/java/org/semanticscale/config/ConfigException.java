package org.semanticscale.config;

/** A configuration value is missing or wrong. The message names the key, the value and what is expected. */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String value, String expected) {
        super("configuration '" + key + "'" + (value == null ? " is missing" : " = '" + value + "' is invalid") + ": "
                + expected);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
