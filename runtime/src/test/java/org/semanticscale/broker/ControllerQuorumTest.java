package org.semanticscale.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class ControllerQuorumTest {
    private static final String THREE = "1@localhost:19093,2@localhost:29093,3@localhost:39093";

    @Test
    void shouldParseVotersInIdOrderWithLowerCaseHosts() {
        ControllerQuorum q = ControllerQuorum.parse(" 3@LocalHost:39093, 1@localhost:19093,2@127.0.0.1:29093 ");
        assertEquals(3, q.size());
        assertEquals(List.of(1, 2, 3), List.copyOf(q.voters().keySet()));
        assertEquals(new ControllerQuorum.Voter("localhost", 39093), q.voter(3));
        assertEquals("1@localhost:19093,2@127.0.0.1:29093,3@localhost:39093", q.toString());
    }

    @Test
    void shouldRefuseMalformedEntriesNamingThem() {
        for (String bad : List.of("", "localhost:19093", "1@localhost", "1@:19093", "x@localhost:1", "1@localhost:")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ControllerQuorum.parse(bad));
            assertTrue(e.getMessage().contains("--controller-quorum"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ControllerQuorum.parse("1@localhost:70000"))
                .getMessage()
                .contains("port '70000' is not a number in 1..65535"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ControllerQuorum.parse("-1@localhost:9093"))
                .getMessage()
                .contains("node id '-1'"));
    }

    @Test
    void shouldRefuseAnIdOrAnAddressGivenTwice() {
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> ControllerQuorum.parse("1@localhost:19093,1@localhost:29093"))
                .getMessage()
                .contains("node 1 twice"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> ControllerQuorum.parse("1@localhost:19093,2@LOCALHOST:19093"))
                .getMessage()
                .contains("localhost:19093 twice"));
    }

    @Test
    void shouldSayWhenANodeIsNotAVoter() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ControllerQuorum.parse(THREE).voter(4));
        assertTrue(e.getMessage().startsWith("node id 4 is not among the voters"), e.getMessage());
    }

    @Test
    void shouldDeriveTheSameValidClusterIdFromTheSameQuorumWrittenDifferently() {
        String id = ControllerQuorum.parse(THREE).derivedClusterId();
        assertEquals(
                id,
                ControllerQuorum.parse("3@LOCALHOST:39093,2@localhost:29093,1@localhost:19093")
                        .derivedClusterId());
        assertEquals(22, id.length());
        assertEquals(id, Uuid.fromString(id).toString());
        assertTrue(!id.startsWith("-") && !Uuid.RESERVED.contains(Uuid.fromString(id)));
        assertNotEquals(id, ControllerQuorum.parse("1@localhost:19093").derivedClusterId());
    }
}
