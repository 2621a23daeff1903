package org.semanticscale.config;

import java.util.Optional;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Tells a broker that refused a client (TLS handshake, credentials, access) from one that cannot be
 * reached, and says which settings to check: every app and command reports refusals the same way.
 */
public final class KafkaRefusals {
    private KafkaRefusals() {}

    /**
     * The message for the refusal behind {@code e}, or empty when {@code e} is not a refusal.
     *
     * @param client who was refused, as it reads in a sentence: "the trainer", "ssi replay"
     */
    public static Optional<String> describe(Throwable e, String bootstrapServers, String client) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SslAuthenticationException) {
                return Optional.of("the TLS handshake with Kafka at " + bootstrapServers + " failed: " + t.getMessage()
                        + "; " + client + " must trust the broker's certificate: check kafka.ssl.truststore.location,"
                        + " kafka.ssl.truststore.password and kafka.security.protocol");
            }
            if (t instanceof AuthenticationException) {
                return Optional.of(
                        "Kafka at " + bootstrapServers + " refused " + client + "'s credentials: " + t.getMessage()
                                + "; check kafka.security.protocol, kafka.sasl.mechanism and kafka.sasl.jaas.config");
            }
            if (t instanceof AuthorizationException) {
                return Optional.of(
                        "Kafka at " + bootstrapServers + " refused " + client + " access: " + t.getMessage());
            }
        }
        return Optional.empty();
    }
}
