package org.semanticscale.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How clients must connect to the {@link EmbeddedKafkaBroker}'s client listener: in plain text (the
 * default), with SASL (SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN, users and passwords given here), with
 * TLS (a key store holding the broker's certificate), or with both (SASL_SSL).
 *
 * <p>The broker talks to itself (transaction markers, for example) over the same listener as an
 * internal user, {@value #INTERNAL_USER}, whose random password is kept in the data directory. The
 * controller listener stays PLAINTEXT and is bound to the loopback address only. There is no
 * authorizer: every authenticated user may do everything.
 *
 * <p>{@link #toString()} never shows a password.
 *
 * @param mechanism        the SASL mechanism, or null for no SASL
 * @param users            user name to password (SASL only); user names as in {@link #USER_NAME}
 * @param keyStore         PKCS12 or JKS key store with the broker's key and certificate, or null for no TLS
 * @param keyStorePassword its password (also the key's)
 * @param keyStoreType     PKCS12 or JKS
 */
public record BrokerSecurity(
        Mechanism mechanism, Map<String, String> users, Path keyStore, String keyStorePassword, String keyStoreType) {
    /** The broker's own user, for its connections to itself; not allowed as a client user name. */
    public static final String INTERNAL_USER = "ssi-broker";
    /** What a user name may look like (it becomes part of the broker's configuration keys). */
    public static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    /** A SASL mechanism the broker can offer. */
    public enum Mechanism {
        SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

        private final String kafkaName;
        private final String loginModule;

        Mechanism(String kafkaName, String loginModule) {
            this.kafkaName = kafkaName;
            this.loginModule = loginModule;
        }

        /** The name Kafka uses: {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512}, {@code PLAIN}. */
        public String kafkaName() {
            return kafkaName;
        }

        /** The JAAS login module clients name in {@code sasl.jaas.config}. */
        public String loginModule() {
            return loginModule;
        }

        public boolean scram() {
            return this != PLAIN;
        }

        /** Parses a Kafka mechanism name, case-insensitively. */
        public static Mechanism fromKafkaName(String name) {
            for (Mechanism m : values()) {
                if (m.kafkaName.equalsIgnoreCase(name.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException(
                    "unknown SASL mechanism '" + name + "': expected SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN");
        }
    }

    public BrokerSecurity {
        users = Map.copyOf(users);
        if (mechanism != null && users.isEmpty()) {
            throw new IllegalArgumentException(
                    "SASL " + mechanism.kafkaName() + " needs at least one user (name:password)");
        }
        if (mechanism == null && !users.isEmpty()) {
            throw new IllegalArgumentException("users were given without a SASL mechanism");
        }
        users.forEach(BrokerSecurity::checkUser);
        if (keyStore != null && (keyStorePassword == null || keyStorePassword.isEmpty())) {
            throw new IllegalArgumentException("the TLS key store " + keyStore + " needs its password");
        }
        if (keyStoreType == null || keyStoreType.isBlank()) {
            keyStoreType = "PKCS12";
        }
    }

    /** No authentication, no encryption: the PLAINTEXT listener. */
    public static BrokerSecurity none() {
        return new BrokerSecurity(null, Map.of(), null, null, null);
    }

    /** SASL over plain text with these users. */
    public static BrokerSecurity sasl(Mechanism mechanism, Map<String, String> users) {
        return new BrokerSecurity(mechanism, users, null, null, null);
    }

    /** The same with TLS: SASL_SSL (or SSL without SASL). */
    public BrokerSecurity withTls(Path store, String password, String type) {
        return new BrokerSecurity(mechanism, users, store, password, type);
    }

    /**
     * Users as {@code --sasl-users} takes them: {@code name:password[,name:password...]}. The password
     * is everything after the first colon; commas separate users, so a password cannot hold one.
     */
    public static Map<String, String> parseUsers(String text) {
        Map<String, String> users = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.indexOf(':');
            if (colon <= 0 || colon == p.length() - 1) {
                // Only the name goes into the message: the part may hold a password.
                throw new IllegalArgumentException("expected name:password for each user, got '"
                        + (colon < 0 ? "(no colon)" : p.substring(0, colon) + ":") + "'");
            }
            String name = p.substring(0, colon);
            if (users.put(name, p.substring(colon + 1)) != null) {
                throw new IllegalArgumentException("user '" + name + "' is given twice");
            }
        }
        return users;
    }

    private static void checkUser(String name, String password) {
        if (!USER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name '" + name + "' must be 1 to 64 of A-Z a-z 0-9 . _ @ -");
        }
        if (name.equals(INTERNAL_USER)) {
            throw new IllegalArgumentException("user name '" + INTERNAL_USER + "' is reserved for the broker itself");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("user '" + name + "' has an empty password");
        }
        for (char c : password.toCharArray()) {
            if (c == '"' || c == '\\' || c == ',' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("the password of user '" + name
                        + "' holds a character JAAS or the user list cannot carry (\" \\ , or a control character)");
            }
        }
    }

    public boolean sasl() {
        return mechanism != null;
    }

    public boolean tls() {
        return keyStore != null;
    }

    /** The client listener's security protocol: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. */
    public String protocol() {
        if (sasl()) {
            return tls() ? "SASL_SSL" : "SASL_PLAINTEXT";
        }
        return tls() ? "SSL" : "PLAINTEXT";
    }

    /**
     * Broker settings of the client listener (named after its protocol) and of the broker's
     * connections to itself as {@link #INTERNAL_USER}.
     */
    Map<String, String> brokerConfig(String internalPassword) {
        Map<String, String> c = new TreeMap<>();
        String listener = protocol().toLowerCase(Locale.ROOT);
        if (sasl()) {
            String mech = mechanism.kafkaName();
            c.put("sasl.enabled.mechanisms", mech);
            c.put("sasl.mechanism.inter.broker.protocol", mech);
            StringBuilder jaas = new StringBuilder(mechanism.loginModule())
                    .append(" required username=\"")
                    .append(INTERNAL_USER)
                    .append("\" password=\"")
                    .append(internalPassword)
                    .append('"');
            if (mechanism == Mechanism.PLAIN) {
                // PLAIN keeps its user table in the JAAS configuration; SCRAM keeps credentials in the metadata log.
                jaas.append(" user_")
                        .append(INTERNAL_USER)
                        .append("=\"")
                        .append(internalPassword)
                        .append('"');
                users.forEach((name, password) -> jaas.append(" user_")
                        .append(name)
                        .append("=\"")
                        .append(password)
                        .append('"'));
            }
            jaas.append(';');
            c.put(
                    "listener.name." + listener + "." + mech.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                    jaas.toString());
        }
        if (tls()) {
            String prefix = "listener.name." + listener + ".";
            c.put(prefix + "ssl.keystore.location", keyStore.toAbsolutePath().toString());
            c.put(prefix + "ssl.keystore.password", keyStorePassword);
            c.put(prefix + "ssl.keystore.type", keyStoreType);
            // The broker's connections to itself trust its own certificate (self-signed or not).
            c.put(prefix + "ssl.truststore.location", keyStore.toAbsolutePath().toString());
            c.put(prefix + "ssl.truststore.password", keyStorePassword);
            c.put(prefix + "ssl.truststore.type", keyStoreType);
        }
        return c;
    }

    /**
     * Kafka client settings for connecting as {@code user}: {@code security.protocol},
     * {@code sasl.mechanism}, {@code sasl.jaas.config} and, with TLS, the broker's key store as the
     * trust store (right for a self-signed certificate; give clients your CA's trust store otherwise).
     */
    public Map<String, String> clientConfig(String user, String password) {
        Map<String, String> c = new TreeMap<>();
        c.put("security.protocol", protocol());
        if (sasl()) {
            c.put("sasl.mechanism", mechanism.kafkaName());
            c.put("sasl.jaas.config", jaasConfig(mechanism, user, password));
        }
        if (tls()) {
            c.put("ssl.truststore.location", keyStore.toAbsolutePath().toString());
            c.put("ssl.truststore.password", keyStorePassword);
            c.put("ssl.truststore.type", keyStoreType);
        }
        return c;
    }

    /** The client's {@code sasl.jaas.config} for a user of a mechanism. */
    public static String jaasConfig(Mechanism mechanism, String user, String password) {
        return mechanism.loginModule() + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    /** What the listener asks of clients, for logs and the console; names users, never passwords. */
    public String describe() {
        StringBuilder b = new StringBuilder(protocol());
        if (sasl()) {
            b.append(' ')
                    .append(mechanism.kafkaName())
                    .append(", users ")
                    .append(String.join(", ", new TreeMap<>(users).keySet()));
        }
        if (tls()) {
            b.append(", TLS key store ").append(keyStore);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "BrokerSecurity[" + describe() + "]";
    }
}
