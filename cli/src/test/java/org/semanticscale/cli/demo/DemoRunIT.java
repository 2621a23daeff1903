package org.semanticscale.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.semanticscale.cli.pipeline.ThreadsLeft;

/** The demo starts every part, shows its table, ends by itself with a summary, and leaves nothing running. */
class DemoRunIT {

    @Test
    void shortDemoRunsEndToEndAndStopsCleanly() throws Exception {
        ThreadsLeft threads = ThreadsLeft.now();
        DemoRun.Settings settings = new DemoRun.Settings(
                "fashion-mnist",
                "drift:exp:10/6@0.4-0.7",
                Duration.ofSeconds(40),
                0,
                300,
                3,
                Map.of(),
                0,
                0,
                Duration.ofSeconds(30));
        List<String> tables = new ArrayList<>();
        DemoRun.Summary summary;
        try (DemoRun run = DemoRun.start(settings)) {
            summary = run.run(tables::add, Duration.ofSeconds(1));
            assertEquals("duration of 40 s reached", summary.reason());
            String text = DemoSummary.render(summary, run.labels(), run.displayNames());
            assertTrue(text.contains("Shirt") && text.contains("Ankle boot"), text);
        }
        assertTrue(tables.size() >= 30, "the table was refreshed about every second: " + tables.size());
        assertTrue(tables.get(tables.size() - 1).contains("T-shirt/top"), tables.get(tables.size() - 1));
        assertTrue(summary.samplesSent() > 5_000, "replayed " + summary.samplesSent());
        assertTrue(summary.samplesTrained() > 5_000, "trained " + summary.samplesTrained());
        assertTrue(
                summary.samplesTrained() <= summary.samplesSent(),
                "trained " + summary.samplesTrained() + " of " + summary.samplesSent()
                        + " replayed: the summary's replay count is final");
        assertTrue(
                summary.scales().size() >= 9,
                "scales published for the classes: " + summary.scales().keySet());

        // Nothing left running: the parts' threads end once close() returned (some take a moment to exit).
        threads.awaitGone(Duration.ofSeconds(10));
    }
}
