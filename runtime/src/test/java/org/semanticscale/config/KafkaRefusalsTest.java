package org.semanticscale.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class KafkaRefusalsTest {

    @Test
    void aRefusalAnywhereInTheCausesIsNamedWithTheSettingsToCheck() {
        Exception wrapped = new ExecutionException(new SaslAuthenticationException("invalid credentials"));
        assertEquals(
                "Kafka at h:1 refused the trainer's credentials: invalid credentials; check kafka.security.protocol,"
                        + " kafka.sasl.mechanism and kafka.sasl.jaas.config",
                KafkaRefusals.describe(wrapped, "h:1", "the trainer").orElseThrow());
        String tls = KafkaRefusals.describe(new SslAuthenticationException("SSL handshake failed"), "h:1", "ssi replay")
                .orElseThrow();
        assertTrue(
                tls.startsWith(
                        "the TLS handshake with Kafka at h:1 failed: SSL handshake failed; ssi replay must trust"),
                tls);
        assertEquals(
                "Kafka at h:1 refused the streams-app access: no",
                KafkaRefusals.describe(new TopicAuthorizationException("no"), "h:1", "the streams-app")
                        .orElseThrow());
    }

    @Test
    void anUnreachableBrokerIsNotARefusal() {
        assertTrue(KafkaRefusals.describe(new TimeoutException("no answer"), "h:1", "the trainer")
                .isEmpty());
    }
}
