package org.semanticscale.cli.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartsTest {

    @Test
    void shouldStopPartsInReverseOrderOnceEachEvenWhenOneFailsToStop() {
        List<String> stopped = new ArrayList<>();
        Parts parts = new Parts();
        parts.add("broker", () -> stopped.add("broker"));
        parts.add("streams-app", () -> stopped.add("streams-app"));
        parts.add("trainer", () -> {
            stopped.add("trainer");
            throw new IllegalStateException("cannot stop");
        });

        parts.close();
        parts.close();

        assertEquals(List.of("trainer", "streams-app", "broker"), stopped);
    }
}
