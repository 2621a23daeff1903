package org.semanticscale.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.replay.Profile;
import org.semanticscale.replay.ReplayPlan;
import org.semanticscale.streams.StreamsAppConfig;
import org.semanticscale.trainer.train.TrainerConfig;

class PipelineSettingsTest {

    /** 12 samples of a, 8 of b, 4 of c, two values each. */
    private static LabelledVectors data() {
        String[] labels = new String[24];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 12 ? "a" : i < 20 ? "b" : "c";
        }
        return new LabelledVectors(labels, new float[48], new int[] {2});
    }

    private static ExperimentSettings settings(
            int epochs, double rate, Duration span, int cap, double fill, double refresh, Map<String, String> trainer) {
        return new ExperimentSettings(
                "csv:x",
                "counts:10,6,4",
                List.of(MethodCatalogue.byName("dsb-ce")),
                List.of(7L),
                epochs,
                "mlp",
                rate,
                span,
                cap,
                fill,
                refresh,
                2.0,
                0.2,
                trainer,
                Map.of("scale.min-samples", "3"),
                List.of(),
                Path.of("out"),
                "ssi experiment");
    }

    private static ReplayPlan plan(int epochs) {
        return ReplayPlan.create(data(), Profile.parse("counts:10,6,4"), epochs, 7);
    }

    @Test
    void stagesAndWindowsAreSizedFromTheStream() {
        // 20 samples per epoch, 3 epochs; FILL 1 epoch, REFRESH 1.5 epochs; 10 samples/s.
        PipelineSettings p = PipelineSettings.derive(settings(3, 10, null, 0, 1, 1.5, Map.of()), plan(3), 7);
        assertEquals(20, p.epochSize());
        assertEquals(60, p.totalSamples());
        assertEquals(20, p.fillSamples());
        assertEquals(30, p.refreshSamples());
        assertEquals(50, p.balanceFrom());
        assertTrue(p.balances());
        assertEquals(Duration.ofSeconds(2), p.windowSpan(), "one epoch at the replay rate: 20 samples / 10 per s");
        assertEquals(10, p.windowCap(), "the largest class's samples per epoch");
    }

    @Test
    void givenWindowsAreKeptAndShortOnesRaisedToTheMinimum() {
        PipelineSettings given =
                PipelineSettings.derive(settings(3, 10, Duration.ofSeconds(9), 500, 1, 4, Map.of()), plan(3), 7);
        assertEquals(Duration.ofSeconds(9), given.windowSpan());
        assertEquals(500, given.windowCap());
        assertFalse(given.balances(), "BALANCE would start after the stream ends");
        PipelineSettings fast = PipelineSettings.derive(settings(3, 1000, null, 0, 1, 4, Map.of()), plan(3), 7);
        assertEquals(PipelineSettings.MIN_WINDOW_SPAN, fast.windowSpan());
    }

    @Test
    void theAppsAcceptTheSettingsAndTheUsersOverridesWin() {
        PipelineSettings p =
                PipelineSettings.derive(settings(3, 10, null, 0, 1, 1, Map.of("learning.rate", "0.01")), plan(3), 7);
        Method m = MethodCatalogue.byName("dsb-ce");
        Map<String, String> trainer = p.trainerSettings(m, List.of("a", "b", "c"), new int[] {2});
        TrainerConfig t = TrainerConfig.of(trainer);
        assertEquals(20, t.stages().fillSamples());
        assertEquals(20, t.stages().refreshSamples());
        assertEquals(0.01, t.learningRate());
        assertEquals("dsb", t.loss().weighting().configName());
        assertEquals(List.of("a", "b", "c"), t.classes().labels());
        assertFalse(t.checkpoint().onStop());
        assertFalse(t.metrics().enabled());

        StreamsAppConfig s = StreamsAppConfig.of(p.streamsSettings(m));
        assertEquals("ssi-experiment-dsb-ce", s.applicationId());
        assertEquals(Duration.ofSeconds(2), s.windowSpan());
        assertEquals(10, s.maxPerClass());
        assertEquals(2.0, s.alpha());
        assertEquals(3, s.minSamples(), "the user's streams-app setting");
    }

    @Test
    void eachSeedsModelsStartFromThatSeed() {
        PipelineSettings p = PipelineSettings.derive(settings(3, 10, null, 0, 1, 1, Map.of()), plan(3), 11);
        assertEquals(11, p.seed());
        assertEquals(
                "11",
                p.trainerSettings(MethodCatalogue.byName("ce"), List.of("a", "b", "c"), new int[] {2})
                        .get("seed"));
    }

    @Test
    void badSettingsAreRefusedWithTheOptionsName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(3, 0, null, 0, 1, 4, Map.of()))
                .getMessage()
                .contains("--window-span"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(0, 10, null, 0, 1, 4, Map.of()))
                .getMessage()
                .contains("--epochs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings(3, 10, null, 1, 1, 4, Map.of()))
                .getMessage()
                .contains("--window-cap"));
    }
}
