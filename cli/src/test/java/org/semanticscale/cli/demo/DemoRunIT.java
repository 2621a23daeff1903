package org.semanticscale.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.cli.pipeline.ThreadsLeft;

/** The demo starts every part, shows its table, ends by itself with a summary, and leaves nothing running. */
class DemoRunIT {

    @TempDir
    Path dir;

    private static AlertTransition collapseOfCoat(DemoRun.Summary summary, String view) {
        return summary.transitions().stream()
                .filter(t -> t.label().equals("4")
                        && t.state().equals("COLLAPSED")
                        && t.view().equals(view))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + view + "-view COLLAPSED for Coat: " + summary.alerts()));
    }

    @Test
    void shortDemoRunsEndToEndAndStopsCleanly() throws Exception {
        Path picture = dir.resolve("demo.png");
        ThreadsLeft threads = ThreadsLeft.now();
        DemoRun.Settings settings = new DemoRun.Settings(
                "fashion-mnist",
                // Coat (4) keeps its count from half-way but is drawn from only 5 images: a collapse only S sees.
                "narrow:exp:10/4:5@0.5",
                Duration.ofSeconds(50),
                0,
                400,
                3,
                Map.of(),
                0,
                0,
                Duration.ofSeconds(30),
                picture);
        List<String> tables = new ArrayList<>();
        DemoRun.Summary summary;
        try (DemoRun run = DemoRun.start(settings)) {
            summary = run.run(tables::add, Duration.ofSeconds(1));
            assertEquals("duration of 50 s reached", summary.reason());
            String text = DemoSummary.render(summary, run.labels(), run.displayNames());
            assertTrue(text.contains("Shirt") && text.contains("Ankle boot"), text);
        }
        assertTrue(tables.size() >= 40, "the table was refreshed about every second: " + tables.size());
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

        // The collapse, in the model view (the trainer's features) and in the input view (no model): COLLAPSED on
        // Coat's own drop of S' while its window count stayed where it was, not before the collapse (half-way,
        // about 25 s).
        for (String view : List.of(AlertTransition.MODEL, AlertTransition.INPUT)) {
            AlertTransition collapse = collapseOfCoat(summary, view);
            assertEquals(AlertTransition.OWN_DROP, collapse.cause());
            assertTrue(collapse.semanticOnly(), "semantic-only: " + collapse.json());
            assertTrue(collapse.volume() < 0.7 * collapse.baselineVolume(), collapse.json());
            long sinceStart = collapse.timeMillis() - summary.startMillis();
            assertTrue(sinceStart > 20_000, view + ": " + sinceStart + " ms after the start");
        }
        assertTrue(
                summary.inputScales().size() >= 9,
                "input scales: " + summary.inputScales().keySet());

        assertEquals(picture.toAbsolutePath(), summary.picture());
        BufferedImage image = ImageIO.read(picture.toFile());
        assertEquals(1100, image.getWidth(), "five panels, one above the other");
        assertEquals(1500, image.getHeight());

        // Nothing left running: the parts' threads end once close() returned (some take a moment to exit).
        threads.awaitGone(Duration.ofSeconds(10));
    }
}
