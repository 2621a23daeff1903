package org.semanticscale.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.record.ScaleRecord;

/** The demo's alert periods, its count-visible / semantic-only verdicts and its picture. */
class DemoChartTest {
    private static final long START = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private static String alert(String label, String state, String cause, long second, long n, long baselineN) {
        return alert(label, state, cause, "model", second, n, baselineN);
    }

    private static String alert(
            String label, String state, String cause, String view, long second, long n, long baselineN) {
        return "{\"label\":\"" + label + "\",\"state\":\"" + state + "\",\"cause\":\"" + cause
                + "\",\"view\":\"" + view
                + "\",\"scale\":0.4,\"maxScale\":1.0,\"ratio\":0.4,\"n\":" + n + ",\"baselineN\":" + baselineN
                + ",\"volume\":20.0,\"baselineVolume\":40.0,\"time\":" + (START + 1000 * second) + "}";
    }

    @Test
    void aCollapseAtAnUnchangedCountIsSemanticOnlyAndAStarvingClassIsCountVisible() {
        AlertTransition collapse = AlertTransition.parse(alert("4", "COLLAPSED", "own-drop", 90, 512, 512));
        assertTrue(collapse.raises());
        assertFalse(collapse.countVisible());
        assertTrue(collapse.describe("Coat", START).contains("semantic-only"), collapse.describe("Coat", START));
        assertTrue(collapse.describe("Coat", START).contains("S' 20.0 against its usual 40.0"));

        AlertTransition starving = AlertTransition.parse(
                "{\"label\":\"6\",\"state\":\"UNDERREPRESENTED\",\"scale\":null,\"ratio\":null,\"n\":3,\"time\":"
                        + START + "}");
        assertEquals(AlertTransition.SCALE_RATIO, starving.cause(), "records without a cause are the old alert");
        assertEquals(AlertTransition.MODEL, starving.view(), "records without a view are the model view's");
        assertTrue(starving.countVisible(), "a class that lost its scale lost its count");

        AlertTransition fewer = AlertTransition.parse(alert("6", "UNDERREPRESENTED", "scale-ratio", 50, 300, 512));
        assertTrue(fewer.countVisible(), "300 of a usual 512 is a fall counting sees");
        AlertTransition filling = AlertTransition.parse(alert("7", "UNDERREPRESENTED", "scale-ratio", 4, 38, -1));
        assertFalse(filling.countVisible() || filling.semanticOnly(), "no usual count yet: neither");
        assertTrue(filling.describe("Sneaker", START).contains("first filled"), filling.describe("Sneaker", START));
        assertTrue(collapse.semanticOnly());
        AlertTransition slightlyFewer =
                AlertTransition.parse(alert("6", "UNDERREPRESENTED", "scale-ratio", 50, 480, 512));
        assertFalse(slightlyFewer.countVisible(), "480 of 512 is not");
    }

    @Test
    void periodsRunFromEachRaiseToItsOwnRecoveryOrToTheEnd() {
        List<AlertTransition> t = List.of(
                AlertTransition.parse(alert("6", "UNDERREPRESENTED", "scale-ratio", 40, 10, 512)),
                AlertTransition.parse(alert("4", "COLLAPSED", "own-drop", 90, 512, 512)),
                AlertTransition.parse(alert("6", "RECOVERED", "scale-ratio", 75, 400, 512)),
                // A recovery of the other cause, or of the other view, does not end the collapse.
                AlertTransition.parse(alert("4", "RECOVERED", "scale-ratio", 100, 512, 512)),
                AlertTransition.parse(alert("4", "RECOVERED", "own-drop", "input", 110, 512, 512)));
        List<DemoChart.Period> periods = DemoChart.periods(t, START, 150);
        assertEquals(
                List.of(
                        new DemoChart.Period("6", "UNDERREPRESENTED", "model", 40, 75),
                        new DemoChart.Period("4", "COLLAPSED", "model", 90, 150)),
                periods);
    }

    @Test
    void thePictureHasFivePanelsAndShowsTheAlertedClassInColour() throws Exception {
        DemoHistory history = new DemoHistory(List.of("0", "4"));
        for (int t = 0; t <= 100; t += 2) {
            double volume4 = t < 50 ? 40 : 20;
            history.record(
                    t,
                    Map.of("0", record("0", 512, 40, 40), "4", record("4", 512, volume4, 40)),
                    Map.of("0", record("0", 512, 90, 90), "4", record("4", 512, volume4 * 2, 90)),
                    Map.of("0", 1.0, "4", t < 50 ? 1.0 : 1.6));
        }
        List<DemoChart.Period> periods = List.of(new DemoChart.Period("4", "COLLAPSED", "input", 55, 100));
        Path file = dir.resolve("sub/demo.png");
        DemoChart.write(file, history, periods, l -> l.equals("4") ? "Coat" : "T-shirt");
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(1100, image.getWidth());
        assertEquals(1500, image.getHeight());
        assertEquals(51, history.of("4").size());
        assertEquals(20, history.of("4").get(50).volume());
        assertEquals(40, history.of("4").get(50).inputVolume());
        assertEquals(90, history.of("4").get(50).inputBaselineVolume());
        assertEquals(1.6, history.of("4").get(50).weight());
        assertTrue(history.of("x").isEmpty());
        // Somewhere in the picture the collapsed class's colour (red) is drawn.
        boolean red = false;
        for (int y = 0; y < image.getHeight() && !red; y++) {
            for (int x = 0; x < image.getWidth() && !red; x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                red = rgb == 0xD62728;
            }
        }
        assertTrue(red, "the collapsed class is drawn in colour");
        assertNotEquals(0, file.toFile().length());
    }

    @Test
    void theTableNamesTheViewThatRaisedAnAlert() {
        ScaleRecord ok = record("4", 512, 40, 40);
        ScaleRecord collapsed =
                new ScaleRecord("4", 512, 20, 0.5, 1, 0.5, 0.2, 0.1, false, false, 1, 0, 1, 40, true, 0.2);
        assertEquals("COLLAPSED (input)", DemoTable.state(ok, collapsed));
        assertEquals("COLLAPSED (model)", DemoTable.state(collapsed, ok));
        assertEquals("COLLAPSED", DemoTable.state(collapsed, collapsed), "both views: no view named");
        assertEquals("COLLAPSED", DemoTable.state(collapsed, null), "no input view published");
        assertEquals("waiting", DemoTable.state(null, null));
    }

    private static ScaleRecord record(String label, long n, double volume, double baseline) {
        return new ScaleRecord(
                label, n, volume, volume / 40, 1, volume / 40, 0.1, 0.1, false, false, 1, 0, 1, baseline, false, 0.2);
    }
}
