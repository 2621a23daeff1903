package org.semanticscale.connection;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.semanticscale.broker.EmbeddedKafkaBroker;

class KafkaConnectionTest {
    @Test
    void aMalformedBootstrapAddressIsAClearErrorNotAKafkaException() {
        Properties p = new Properties();
        p.put("bootstrap.servers", "localhost");
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> KafkaConnection.open(p, Duration.ofSeconds(2), "the test"));
        assertTrue(e.getMessage().startsWith("cannot create a Kafka client for localhost"), e.getMessage());
    }

    @Test
    void noBrokerIsReportedWithinTheTimeout() throws Exception {
        String nowhere = "127.0.0.1:" + EmbeddedKafkaBroker.freePort();
        Properties p = new Properties();
        p.put("bootstrap.servers", nowhere);
        long start = System.nanoTime();
        BrokerUnreachableException e = assertThrows(
                BrokerUnreachableException.class, () -> KafkaConnection.open(p, Duration.ofSeconds(2), "the test"));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 6, "gave up after " + seconds + " s");
        assertTrue(e.getMessage().contains("no Kafka broker reachable at " + nowhere + " within 2 s"), e.getMessage());
    }
}
