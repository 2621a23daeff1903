package org.semanticscale.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.cli.CliRun;

/**
 * {@code ssi experiment} end to end on a small subset of Fashion-MNIST: two methods, each through its
 * own broker, streams-app and trainer; results.json has every field, results.md every table, and
 * the plots are PNG files.
 */
class ExperimentIT {
    private static final List<String> METHOD_FIELDS = List.of(
            "name",
            "loss",
            "weighting",
            "overall",
            "balanced",
            "head",
            "middle",
            "tail",
            "worstClass",
            "perClass",
            "correlations",
            "cost",
            "streamed",
            "epochs");
    private static final List<String> CLASS_FIELDS = List.of(
            "label", "name", "n", "accuracy", "volume", "volumeNormalized", "distanceWeight", "scale", "weight");

    @TempDir
    Path dir;

    @Test
    void twoMethodsRunThroughThePipelineAndTheResultsHaveEveryField() throws Exception {
        // 1. 270 samples per epoch (10 classes, 60 down to 8), 3 epochs at 150 samples/s: FILL the first
        //    epoch, BALANCE from the second; small classes get a scale from 4 vectors.
        Path out = dir.resolve("results");
        long start = System.nanoTime();
        CliRun run = CliRun.of(
                "experiment",
                "--dataset",
                "fashion-mnist",
                "--profile",
                "counts:60,50,40,30,25,20,15,12,10,8",
                "--methods",
                "ce,dsb-ce",
                "--epochs",
                "3",
                "--rate",
                "150",
                "--fill-epochs",
                "1",
                "--refresh-epochs",
                "0",
                "--streams-set",
                "scale.min-samples=4",
                "--seed",
                "3",
                "--output",
                out.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(seconds < 90, "took " + seconds + " s");

        // 2. Progress: a line per epoch and per method on stderr; the accuracy table on stdout.
        String err = run.err();
        assertTrue(err.contains("[ce] epoch 3/3") && err.contains("[dsb-ce] epoch 3/3"), err);
        assertTrue(run.out().contains("dsb-ce") && run.out().contains("worst class"), run.out());

        // 3. Every field of results.json, for both methods.
        JsonNode r = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        for (String field : List.of(
                "command",
                "started",
                "wallSeconds",
                "machine",
                "settings",
                "classes",
                "methods",
                "failures",
                "marginalEffect",
                "targets")) {
            assertTrue(r.has(field), field);
        }
        assertEquals(270, r.at("/settings/samplesPerEpoch").asInt());
        assertEquals(270, r.at("/settings/balanceFromSample").asInt());
        assertEquals(10, r.get("classes").size());
        assertEquals(2, r.get("methods").size());
        for (JsonNode m : r.get("methods")) {
            for (String field : METHOD_FIELDS) {
                assertTrue(m.has(field), m.get("name") + ": " + field);
            }
            assertEquals(10, m.get("perClass").size());
            for (JsonNode c : m.get("perClass")) {
                for (String field : CLASS_FIELDS) {
                    assertTrue(c.has(field), field);
                }
                assertTrue(
                        c.get("accuracy").isNumber()
                                && c.get("volume").isNumber()
                                && c.get("scale").isNumber(),
                        c.toString());
            }
            assertEquals(60, m.at("/perClass/0/n").asInt());
            for (String test : List.of("pearson", "spearman")) {
                for (String with : List.of("n", "volume", "scale")) {
                    assertTrue(m.at("/correlations/" + test + "/" + with).isNumber(), test + " " + with);
                }
            }
            for (String cost :
                    List.of("wallSeconds", "startSeconds", "trainSeconds", "stepSeconds", "cpuSeconds", "wallVsCe")) {
                assertTrue(m.at("/cost/" + cost).isNumber(), cost);
            }
            assertEquals(810, m.at("/cost/samplesTrained").asInt());
            assertEquals(3, m.get("epochs").size());
            assertTrue(m.at("/worstClass/accuracy").isNumber());
        }
        // 4. DSB-CE's last epoch trained with weights from the streamed scales, not all equal.
        JsonNode dsb = r.get("methods").get(1);
        assertEquals("dsb-ce", dsb.get("name").asText());
        assertTrue(dsb.at("/epochs/2/weighted").asBoolean(), dsb.get("epochs").toString());
        assertTrue(
                dsb.at("/streamed/scales/0/n").asInt() > 0, dsb.get("streamed").toString());
        double w0 = dsb.at("/streamed/finalWeights/0").asDouble();
        assertFalse(
                java.util.stream.IntStream.range(1, 10)
                        .allMatch(i -> dsb.at("/streamed/finalWeights/" + i).asDouble() == w0),
                dsb.get("streamed").toString());
        assertFalse(r.get("methods").get(0).at("/epochs/2/weighted").asBoolean(), "plain CE never weights");
        assertEquals(4, r.at("/marginalEffect/classes").size());

        // 5. results.md has the tables; the plots are PNGs.
        String md = Files.readString(out.resolve("results.md"));
        for (String section : List.of(
                "## Accuracy on the balanced test set",
                "## Per-class accuracy",
                "## Semantic scales",
                "## Correlation",
                "## Cost",
                "## Class weights",
                "## Marginal effect",
                "## Targets",
                "## Plots")) {
            assertTrue(md.contains(section), section);
        }
        for (String png : List.of(
                ResultPlots.ACCURACY_PER_CLASS,
                ResultPlots.ACCURACY_VS_N,
                ResultPlots.ACCURACY_VS_S,
                ResultPlots.MARGINAL_EFFECT)) {
            byte[] bytes = Files.readAllBytes(out.resolve(png));
            assertTrue(bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', png);
        }
    }
}
