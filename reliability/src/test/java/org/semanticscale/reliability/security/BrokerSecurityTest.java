package org.semanticscale.reliability.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.semanticscale.broker.BrokerSecurity;
import org.semanticscale.broker.BrokerSecurity.Mechanism;

/** The broker's security options as ssi broker parses them: users, mechanisms, protocols, and no password ever shown. */
class BrokerSecurityTest {

    @Test
    void shouldParseUsersWithColonsInsidePasswords() {
        assertEquals(Map.of("alice", "a:b:c", "bob", "pw"), BrokerSecurity.parseUsers("alice:a:b:c, bob:pw,"));
    }

    @Test
    void shouldRefuseMalformedUsersWithoutEchoingAPassword() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> BrokerSecurity.parseUsers("alice"));
        assertTrue(e.getMessage().contains("name:password"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BrokerSecurity.parseUsers("alice:s3cret,alice:other"));
        assertFalse(e.getMessage().contains("s3cret") || e.getMessage().contains("other"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> BrokerSecurity.sasl(Mechanism.PLAIN, Map.of("alice", "has\"quote")));
        assertFalse(e.getMessage().contains("has\"quote"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> BrokerSecurity.sasl(Mechanism.SCRAM_SHA_256, Map.of("bad name", "pw")));
        assertThrows(
                IllegalArgumentException.class,
                () -> BrokerSecurity.sasl(Mechanism.SCRAM_SHA_256, Map.of(BrokerSecurity.INTERNAL_USER, "pw")));
        assertThrows(IllegalArgumentException.class, () -> BrokerSecurity.sasl(Mechanism.SCRAM_SHA_256, Map.of()));
    }

    @Test
    void shouldNameTheProtocolClientsMustUse() {
        BrokerSecurity sasl = BrokerSecurity.sasl(Mechanism.SCRAM_SHA_512, Map.of("alice", "pw"));
        assertEquals("PLAINTEXT", BrokerSecurity.none().protocol());
        assertEquals("SASL_PLAINTEXT", sasl.protocol());
        assertEquals("SASL_SSL", sasl.withTls(Path.of("ks.p12"), "kspw", null).protocol());
        assertEquals(
                "SSL",
                BrokerSecurity.none().withTls(Path.of("ks.p12"), "kspw", "JKS").protocol());
        assertEquals(Mechanism.SCRAM_SHA_256, Mechanism.fromKafkaName("scram-sha-256"));
        assertThrows(IllegalArgumentException.class, () -> Mechanism.fromKafkaName("GSSAPI"));
    }

    @Test
    void shouldGiveClientsTheStandardKafkaSettings() {
        BrokerSecurity security = BrokerSecurity.sasl(Mechanism.SCRAM_SHA_256, Map.of("alice", "pw"))
                .withTls(Path.of("/etc/ssi/broker.p12"), "kspw", "PKCS12");
        Map<String, String> client = security.clientConfig("alice", "pw");
        assertEquals("SASL_SSL", client.get("security.protocol"));
        assertEquals("SCRAM-SHA-256", client.get("sasl.mechanism"));
        assertEquals(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" password=\"pw\";",
                client.get("sasl.jaas.config"));
        assertEquals("/etc/ssi/broker.p12", client.get("ssl.truststore.location"));
    }

    @Test
    void shouldNeverShowAPasswordWhenDescribed() {
        BrokerSecurity security = BrokerSecurity.sasl(
                        Mechanism.PLAIN, Map.of("alice", "alice-Secret-1", "bob", "bob-Secret-2"))
                .withTls(Path.of("ks.p12"), "keystore-Secret-3", "PKCS12");
        for (String text : new String[] {security.toString(), security.describe()}) {
            assertFalse(text.contains("Secret"), text);
            assertTrue(text.contains("alice") && text.contains("bob") && text.contains("SASL_SSL PLAIN"), text);
        }
    }
}
