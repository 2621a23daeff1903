package org.semanticscale.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.cli.CliRun;

/**
 * {@code ssi experiment} end to end on a small subset of Fashion-MNIST: three methods (one weighted by the input
 * view) and two seeds, each run through its own broker, streams-app and trainer; results.json has every field per
 * seed and as means, the paired differences and the focus classes' figures agree with the per-seed figures, the
 * input view's figures are null while the streams-app publishes none and positive once it does, results.md has
 * every table, and the plots are PNG files.
 */
class ExperimentIT {
    /** A method's fields; each seed's entry has the same but the first three. */
    private static final List<String> METHOD_FIELDS = Stream.concat(
                    Stream.of("name", "loss", "weighting"), ResultsJsonTest.FIGURES.stream())
            .toList();
    /** t(0.975, 1): two seeds give one degree of freedom. */
    private static final double T_ONE_DF = 12.706205;
    /** Means written to JSON and recomputed here from the per-seed figures agree to rounding. */
    private static final double EXACT = 1e-12;

    private static final List<Integer> FOCUS = List.of(0, 4, 8);
    private static final List<String> CLASS_FIELDS = List.of(
            "label", "name", "n", "accuracy", "volume", "volumeNormalized", "distanceWeight", "scale", "weight");

    @TempDir
    Path dir;

    @Test
    void threeMethodsAndTwoSeedsRunThroughThePipelineAndTheResultsHaveEveryField() throws Exception {
        // 1. 270 samples per epoch (10 classes, 60 down to 8), 3 epochs at 150 samples/s: FILL the first
        //    epoch, BALANCE from the second; small classes get a scale from 4 vectors. CE, DSB-CE and
        //    DSB-input-CE; seeds 3 and 4; classes 0, 4 and 8 followed as a group.
        Path out = dir.resolve("results");
        long start = System.nanoTime();
        CliRun run = CliRun.of(
                "experiment",
                "--dataset",
                "fashion-mnist",
                "--profile",
                "counts:60,50,40,30,25,20,15,12,10,8",
                "--methods",
                "ce,dsb-ce,dsb-input-ce",
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
                "--seeds",
                "3,4",
                "--focus",
                "0,4,8",
                "--output",
                out.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(seconds < 180, "took " + seconds + " s");

        // 2. Progress: a line per seed and method and per epoch on stderr; the accuracy table on stdout.
        String err = run.err();
        assertTrue(
                err.contains("seed 3 (1/2), method ce (1/3)") && err.contains("seed 4 (2/2), method dsb-ce (2/3)"),
                err);
        assertTrue(err.contains("[ce] epoch 3/3") && err.contains("[dsb-ce] epoch 3/3"), err);
        assertTrue(run.out().contains("dsb-ce") && run.out().contains("worst class"), run.out());
        assertTrue(run.out().contains("mean ± sd over 2 seeds"), run.out());

        // 3. Every field of results.json, for every method.
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
                "targets",
                "baseline",
                "seeds")) {
            assertTrue(r.has(field), field);
        }
        assertEquals("ce", r.get("baseline").asText());
        assertEquals("[3,4]", r.at("/settings/seeds").toString());
        assertEquals("[\"0\",\"4\",\"8\"]", r.at("/settings/focus").toString());
        assertEquals(0, r.get("failures").size(), r.get("failures").toString());
        double seedSeconds = 0;
        for (int i = 0; i < 2; i++) {
            assertEquals(3 + i, r.at("/seeds/" + i + "/seed").asInt());
            seedSeconds += r.at("/seeds/" + i + "/wallSeconds").asDouble();
        }
        assertTrue(
                seedSeconds > 0 && r.get("wallSeconds").asDouble() >= seedSeconds,
                r.get("seeds").toString());
        assertEquals(270, r.at("/settings/samplesPerEpoch").asInt());
        assertEquals(270, r.at("/settings/balanceFromSample").asInt());
        assertEquals(10, r.get("classes").size());
        assertEquals(3, r.get("methods").size());
        for (JsonNode m : r.get("methods")) {
            for (String field : METHOD_FIELDS) {
                assertTrue(m.has(field), m.get("name") + ": " + field);
            }
            for (String field : METHOD_FIELDS.subList(3, METHOD_FIELDS.size())) {
                assertTrue(m.at("/perSeed/1").has(field), m.get("name") + ", seed 4: " + field);
            }
            assertEquals("[3,4]", m.get("seeds").toString());
            assertEquals(3, m.at("/perSeed/0/seed").asInt());
            assertEquals(4, m.at("/perSeed/1/seed").asInt());
            seedsAndMeansAgree(m);
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
        // 4. DSB-CE against CE, seed by seed, with the 95 % t-interval of one degree of freedom.
        JsonNode ce = r.get("methods").get(0);
        JsonNode vs = r.get("methods").get(1).get("vsBaseline");
        assertTrue(ce.get("vsBaseline").isNull());
        assertEquals("ce", vs.get("baseline").asText());
        assertEquals("[3,4]", vs.get("seeds").toString());
        for (String figure :
                List.of("overall", "balanced", "worstClass/accuracy", "head", "middle", "tail", "focus/accuracy")) {
            JsonNode d = vs.at("/" + figure);
            double[] differences = new double[2];
            for (int i = 0; i < 2; i++) {
                differences[i] = r.at("/methods/1/perSeed/" + i + "/" + figure).asDouble()
                        - ce.at("/perSeed/" + i + "/" + figure).asDouble();
                assertEquals(differences[i], d.at("/perSeed/" + i).asDouble(), EXACT, figure);
            }
            double mean = (differences[0] + differences[1]) / 2;
            double sd = Math.abs(differences[0] - differences[1]) / Math.sqrt(2);
            assertEquals(mean, d.get("mean").asDouble(), EXACT, figure);
            assertEquals(sd, d.get("sd").asDouble(), EXACT, figure);
            assertEquals(T_ONE_DF * sd / Math.sqrt(2), d.at("/ci95/halfWidth").asDouble(), 1e-6, figure);
            assertEquals(
                    mean - d.at("/ci95/halfWidth").asDouble(), d.at("/ci95/low").asDouble(), EXACT, figure);
        }
        // 5. DSB-CE's last epoch trained with weights from the streamed scales, not all equal.
        JsonNode dsb = r.at("/methods/1/perSeed/0");
        assertEquals("dsb-ce", r.at("/methods/1/name").asText());
        assertTrue(dsb.at("/epochs/2/weighted").asBoolean(), dsb.get("epochs").toString());
        assertTrue(
                dsb.at("/streamed/scales/0/n").asInt() > 0, dsb.get("streamed").toString());
        double w0 = dsb.at("/streamed/finalWeights/0").asDouble();
        assertFalse(
                IntStream.range(1, 10)
                        .allMatch(i -> dsb.at("/streamed/finalWeights/" + i).asDouble() == w0),
                dsb.get("streamed").toString());
        assertFalse(ce.at("/epochs/2/weighted").asBoolean(), "plain CE never weights");
        assertEquals(4, r.at("/marginalEffect/classes").size());

        // 6. DSB-input-CE completed. Every run keeps the input view beside the model view: null while the
        //    streams-app publishes none (then dsb-input-ce trains with the plain loss), finite and positive once it
        //    does. No @FROM in the profile: no collapse start, no alert delay; the alerts are listed as they came.
        assertEquals("dsb-input", r.at("/methods/2/weighting").asText());
        for (JsonNode m : r.get("methods")) {
            for (JsonNode seed : m.get("perSeed")) {
                String where = m.get("name").asText() + ", seed " + seed.get("seed");
                JsonNode input = seed.get("streamedInput");
                boolean published = !input.isNull();
                if (published) {
                    for (JsonNode c : input.get("scales")) {
                        nullOrPositive(c.get("volume"), where);
                        nullOrPositive(c.get("weight"), where);
                    }
                } else if (m.get("name").asText().equals("dsb-input-ce")) {
                    assertFalse(seed.at("/epochs/2/weighted").asBoolean(), where + ": no input scales to weigh with");
                }
                for (String f : List.of(
                        "inputVolumeRatio",
                        "inputWeightRatio",
                        "inputOthersVolumeRatioMin",
                        "inputOthersVolumeRatioMax")) {
                    JsonNode v = seed.at("/focus/" + f);
                    assertTrue(published || v.isNull(), where + ": " + f + " " + v);
                    nullOrPositive(v, where + ": " + f);
                }
                assertTrue(seed.get("collapseStart").isNull(), where);
                assertTrue(seed.at("/focus/alertSeconds/model").isNull(), where);
                assertTrue(seed.at("/focus/alertSeconds/input").isNull(), where);
                for (JsonNode alert : seed.get("alerts")) {
                    for (String field : List.of("label", "state", "cause", "view", "time")) {
                        assertTrue(alert.hasNonNull(field), where + ": " + alert);
                    }
                }
            }
        }
        assertEquals(3, r.at("/marginalEffect/seed").asInt());

        // 7. results.md has the tables, with mean ± sd and intervals; the plots are PNGs.
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
                "## Plots",
                "## Against ce: paired differences (points)",
                "| seed 3 | seed 4 | mean ± sd | 95 % interval |",
                "## Focus classes: T-shirt/top, Coat, Bag",
                "## Wall time per run (s)")) {
            assertTrue(md.contains(section), section);
        }
        assertFalse(md.contains(ResultsMarkdown.NO_INTERVAL), md);
        for (String png : List.of(
                ResultPlots.ACCURACY,
                ResultPlots.DIFFERENCES,
                ResultPlots.ACCURACY_PER_CLASS,
                ResultPlots.ACCURACY_VS_N,
                ResultPlots.ACCURACY_VS_S,
                ResultPlots.MARGINAL_EFFECT)) {
            byte[] bytes = Files.readAllBytes(out.resolve(png));
            assertTrue(bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', png);
        }
    }

    /** A figure of the input view: null while the streams-app publishes none, else a finite positive number. */
    private static void nullOrPositive(JsonNode value, String what) {
        assertTrue(
                value.isNull() || value.isNumber() && Double.isFinite(value.asDouble()) && value.asDouble() > 0,
                what + ": " + value);
    }

    /**
     * A method's entry: its figures are the means of its two seeds' (overall, a class's accuracy, the focus
     * figures), {@code spread} holds each seed's value with mean and sd, and each seed's focus figures follow
     * from that seed's per-class accuracies and streamed scales.
     */
    private static void seedsAndMeansAgree(JsonNode m) {
        String name = m.get("name").asText();
        for (String figure : List.of("overall", "perClass/0/accuracy", "focus/accuracy", "focus/weightRatio")) {
            double a = m.at("/perSeed/0/" + figure).asDouble();
            double b = m.at("/perSeed/1/" + figure).asDouble();
            assertEquals((a + b) / 2, m.at("/" + figure).asDouble(), EXACT, name + " " + figure);
        }
        assertEquals(
                m.at("/perSeed/1/overall").asDouble(),
                m.at("/spread/overall/perSeed/1").asDouble());
        assertEquals(m.get("overall").asDouble(), m.at("/spread/overall/mean").asDouble(), EXACT);
        assertTrue(m.at("/spread/overall/sd").asDouble() >= 0, name);
        assertTrue(m.at("/spread/focus/volumeRatio/sd").isNumber(), name);
        for (int seed = 0; seed < 2; seed++) {
            JsonNode s = m.at("/perSeed/" + seed);
            JsonNode scales = s.at("/streamed/scales");
            double accuracy = 0;
            double focusVolume = 0;
            double focusWeight = 0;
            double otherWeight = 0;
            List<Double> otherVolumes = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                double volume = scales.get(c).get("volume").asDouble();
                double weight = scales.get(c).get("weight").asDouble();
                assertTrue(volume > 0 && weight > 0, name + " class " + c + ": " + scales.get(c));
                if (FOCUS.contains(c)) {
                    accuracy += s.at("/perClass/" + c + "/accuracy").asDouble() / 3;
                    focusVolume += volume / 3;
                    focusWeight += weight / 3;
                } else {
                    otherVolumes.add(volume);
                    otherWeight += weight / 7;
                }
            }
            Collections.sort(otherVolumes);
            double median = otherVolumes.get(3);
            assertEquals(accuracy, s.at("/focus/accuracy").asDouble(), 1e-9, name);
            assertEquals(focusVolume / median, s.at("/focus/volumeRatio").asDouble(), 1e-9, name);
            assertEquals(focusWeight / otherWeight, s.at("/focus/weightRatio").asDouble(), 1e-9, name);
            double r = s.at("/focus/pearsonAccuracyStreamedScale").asDouble();
            assertTrue(r >= -1 && r <= 1, name + ": " + r);
        }
    }
}
