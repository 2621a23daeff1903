package org.semanticscale.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsJsonTest {
    /** Every figure here is a few sums of two-decimal numbers: exact to rounding. */
    private static final double EXACT = 1e-12;
    /** t quantiles are checked to the six decimals of the tables. */
    private static final double TABLE = 1e-6;
    /** A method's figures, at the method level (means) and in each seed's entry. */
    static final List<String> FIGURES = List.of(
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
            "streamedInput",
            "epochs",
            "focus");

    @Test
    void eachMethodHasItsSeedsTheirMeansUnderTheOldNamesTheSpreadAndThePairedDifferences() {
        JsonNode r = ResultsJson.toJson(ResultsFixture.twoSeeds());

        assertEquals("ce", r.get("baseline").asText());
        assertEquals("[1,2]", r.at("/settings/seeds").toString());
        assertEquals("[\"c\"]", r.at("/settings/focus").toString());
        assertEquals(2, r.get("seeds").size());
        assertEquals(25, r.at("/seeds/1/wallSeconds").asDouble());
        assertEquals(30, r.at("/classes/0/n").asLong(), "N, the same in both seeds, stays a whole number");
        assertTrue(r.at("/classes/0/n").isIntegralNumber());

        JsonNode ce = r.at("/methods/0");
        JsonNode dsb = r.at("/methods/1");
        assertEquals("dsb-ce", dsb.get("name").asText());
        assertEquals("[1,2]", dsb.get("seeds").toString());
        for (String field : FIGURES) {
            assertTrue(dsb.has(field), field);
            assertTrue(dsb.at("/perSeed/0").has(field), "per seed: " + field);
        }

        // 1. Each seed's own figures: DSB-CE's overall (0.88 + 0.82 + 0.6) / 3 in seed 1.
        assertEquals(1, dsb.at("/perSeed/0/seed").asLong());
        assertEquals(2, dsb.at("/perSeed/1/seed").asLong());
        assertEquals(2.3 / 3, dsb.at("/perSeed/0/overall").asDouble(), EXACT);
        assertEquals(0.62, dsb.at("/perSeed/1/perClass/2/accuracy").asDouble(), EXACT);
        assertEquals(0.6, dsb.at("/perSeed/0/focus/accuracy").asDouble(), EXACT);

        // 2. The method level: the mean over the seeds, under the same names.
        assertEquals((2.3 / 3 + 2.32 / 3) / 2, dsb.get("overall").asDouble(), EXACT);
        assertEquals(0.61, dsb.at("/perClass/2/accuracy").asDouble(), EXACT);
        assertEquals(0.61, dsb.at("/worstClass/accuracy").asDouble(), EXACT);
        assertEquals("c", dsb.at("/worstClass/label").asText());
        assertEquals(0.61, dsb.at("/focus/accuracy").asDouble(), EXACT);
        assertEquals(90, dsb.at("/cost/samplesTrained").asLong());
        assertFalse(dsb.has("seed"), "a seed is not a figure to average");

        // 3. Focus: S' of c (6) over the median of a and b (15); weight 1.5 over the mean of 0.8 and 0.7; the others
        //    at 10 / 15 and 20 / 15. The input view: 2 over 11, weight 0.6 over 0.2, others 10 / 11 and 12 / 11.
        //    The first alert of c after the collapse: 12.5 s in the model view, 4 s in the input view.
        assertEquals(0.4, dsb.at("/focus/volumeRatio").asDouble(), EXACT);
        assertEquals(2.0, dsb.at("/focus/weightRatio").asDouble(), EXACT);
        assertEquals(10 / 15.0, dsb.at("/focus/othersVolumeRatioMin").asDouble(), EXACT);
        assertEquals(20 / 15.0, dsb.at("/focus/othersVolumeRatioMax").asDouble(), EXACT);
        assertEquals(2 / 11.0, dsb.at("/focus/inputVolumeRatio").asDouble(), EXACT);
        assertEquals(3.0, dsb.at("/focus/inputWeightRatio").asDouble(), EXACT);
        assertEquals(10 / 11.0, dsb.at("/focus/inputOthersVolumeRatioMin").asDouble(), EXACT);
        assertEquals(12 / 11.0, dsb.at("/focus/inputOthersVolumeRatioMax").asDouble(), EXACT);
        assertEquals(12.5, dsb.at("/focus/alertSeconds/model").asDouble(), EXACT);
        assertEquals(4.0, dsb.at("/focus/alertSeconds/input").asDouble(), EXACT);
        assertEquals(4.0, dsb.at("/spread/focus/alertSeconds/input/mean").asDouble(), EXACT);
        assertEquals(
                2 / 11.0, dsb.at("/spread/focus/inputVolumeRatio/perSeed/1").asDouble(), EXACT);

        // 3b. The input view's scales beside the model view's; each seed's alerts and collapse start, not averaged.
        assertEquals(2.0, dsb.at("/perSeed/0/streamedInput/scales/2/volume").asDouble(), EXACT);
        assertEquals(2.0, dsb.at("/streamedInput/scales/2/volume").asDouble(), EXACT);
        assertEquals(6.0, dsb.at("/perSeed/0/streamed/scales/2/volume").asDouble(), EXACT);
        assertEquals(
                "{\"label\":\"c\",\"state\":\"COLLAPSED\",\"cause\":\"own-drop\",\"view\":\"input\",\"time\":104000}",
                dsb.at("/perSeed/1/alerts/3").toString());
        assertEquals(
                "{\"position\":90,\"time\":100000}",
                dsb.at("/perSeed/0/collapseStart").toString());
        assertFalse(dsb.has("alerts") || dsb.has("collapseStart"), "alerts and times are not figures to average");
        // Accuracy (0.9, 0.8, 0.5) against S (20, 40, 12): deviations (1/6, 1/15, -7/30) and (-4, 16, -12),
        // products 3.2, squares 0.0866667 and 416: r = 3.2 / sqrt(36.05333) = 0.5329387.
        assertEquals(
                0.5329387,
                ce.at("/perSeed/0/focus/pearsonAccuracyStreamedScale").asDouble(),
                TABLE);

        // 4. Spread: CE's overall 0.733333 and 0.75, mean 0.741667, sd 0.0166667 / sqrt 2.
        assertEquals(0.7416666666666667, ce.at("/spread/overall/mean").asDouble(), EXACT);
        assertEquals(0.011785113, ce.at("/spread/overall/sd").asDouble(), 1e-9);
        assertEquals(2, ce.at("/spread/overall/perSeed").size());
        assertEquals(0.61, dsb.at("/spread/focus/accuracy/mean").asDouble(), EXACT);
        assertEquals(0.01414213562, dsb.at("/spread/focus/accuracy/sd").asDouble(), 1e-9);
        assertTrue(dsb.at("/spread/correlations/pearson/n/mean").isNumber());
        assertEquals(0.61, dsb.at("/spread/perClass/2/accuracy/mean").asDouble(), EXACT);

        // 5. Against CE: overall differences 0.1/3 and 0.07/3, mean 0.0283333, sd 0.0070711;
        //    t(0.975, 1) = 12.706205, half-width 12.706205 * 0.0070711 / sqrt 2 = 0.0635310.
        assertTrue(ce.get("vsBaseline").isNull(), "the baseline against itself");
        JsonNode vs = dsb.get("vsBaseline");
        assertEquals("ce", vs.get("baseline").asText());
        assertEquals("[1,2]", vs.get("seeds").toString());
        assertEquals(0.1 / 3, vs.at("/overall/perSeed/0").asDouble(), EXACT);
        assertEquals(0.07 / 3, vs.at("/overall/perSeed/1").asDouble(), EXACT);
        assertEquals(0.0283333, vs.at("/overall/mean").asDouble(), TABLE);
        assertEquals(0.0070711, vs.at("/overall/sd").asDouble(), TABLE);
        assertEquals(0.0635310, vs.at("/overall/ci95/halfWidth").asDouble(), TABLE);
        assertEquals(-0.0351977, vs.at("/overall/ci95/low").asDouble(), TABLE);
        assertEquals(0.0918644, vs.at("/overall/ci95/high").asDouble(), TABLE);
        for (String figure : List.of("balanced", "head", "middle", "tail")) {
            assertTrue(vs.at("/" + figure + "/ci95/halfWidth").isNumber(), figure);
        }
        // Focus (and worst class, also c): differences 0.1 and 0.07, half-width 12.706205 * 0.015 = 0.1905931.
        assertEquals(0.085, vs.at("/focus/accuracy/mean").asDouble(), EXACT);
        assertEquals(0.1905931, vs.at("/focus/accuracy/ci95/halfWidth").asDouble(), TABLE);
        assertEquals(0.1905931, vs.at("/worstClass/accuracy/ci95/halfWidth").asDouble(), TABLE);

        // 6. The targets carry the paired mean and interval, in points.
        JsonNode overallTarget = r.at("/targets/0");
        assertEquals(
                "DSB-CE minus CE, overall accuracy",
                overallTarget.get("description").asText());
        assertEquals(2.83333, overallTarget.get("value").asDouble(), 1e-5);
        assertEquals(6.35310, overallTarget.at("/ci95/halfWidth").asDouble(), 1e-5);
    }

    @Test
    void oneSeedHasNoIntervalsAndNoSdButTheSameFields() {
        JsonNode r = ResultsJson.toJson(ResultsFixture.oneSeed());
        JsonNode dsb = r.at("/methods/1");

        assertEquals(2.3 / 3, dsb.get("overall").asDouble(), EXACT);
        assertEquals(1, dsb.get("perSeed").size());
        assertTrue(dsb.at("/spread/overall/sd").isNull());
        assertEquals(0.1 / 3, dsb.at("/vsBaseline/overall/mean").asDouble(), EXACT);
        assertTrue(dsb.at("/vsBaseline/overall/sd").isNull());
        assertTrue(dsb.at("/vsBaseline/overall/ci95").isNull());
        assertTrue(dsb.at("/vsBaseline/focus/accuracy/ci95").isNull());
        assertTrue(r.at("/targets/0/ci95").isNull());
    }

    @Test
    void aRunThatFailedIsListedAndLeftOutOfThePairs() {
        ExperimentSettings s = ResultsFixture.settings(List.of("ce", "dsb-ce"), List.of(1L, 2L), List.of());
        SeedResults seed2 = ResultsFixture.seed2();
        SeedResults dsbFailed = new SeedResults(
                2,
                seed2.counts(),
                List.of(seed2.methods().get(0)),
                Map.of("dsb-ce", "the trainer did not stop within 60 s"),
                20);
        JsonNode r = ResultsJson.toJson(ResultsFixture.results(s, List.of(ResultsFixture.seed1(), dsbFailed)));

        assertEquals(
                "{\"seed\":2,\"method\":\"dsb-ce\",\"error\":\"the trainer did not stop within 60 s\"}",
                r.at("/failures/0").toString());
        JsonNode dsb = r.at("/methods/1");
        assertEquals("[1]", dsb.get("seeds").toString());
        assertEquals("[1]", dsb.at("/vsBaseline/seeds").toString());
        assertTrue(dsb.at("/vsBaseline/overall/ci95").isNull(), "one pair left");
        assertFalse(dsb.has("focus") || dsb.at("/vsBaseline").has("focus"), "no --focus, no focus figures");
        assertEquals(2, r.at("/methods/0/perSeed").size());
    }

    @Test
    void noInputViewPublishedIsNullAndNoCollapseStartIsNull() {
        MethodResult ce = ResultsFixture.result(
                "ce", new double[] {0.9, 0.8, 0.5}, new double[] {10, 20, 6}, new double[] {0.8, 0.7, 1.5});
        ExperimentSettings s = ResultsFixture.settings(List.of("ce"), List.of(1L), List.of("c"));
        JsonNode r = ResultsJson.toJson(
                ResultsFixture.results(s, List.of(new SeedResults(1, ResultsFixture.N, List.of(ce), Map.of(), 10))));
        JsonNode m = r.at("/methods/0");

        assertTrue(m.at("/perSeed/0/streamedInput").isNull());
        assertTrue(m.get("streamedInput").isNull());
        assertEquals("[]", m.at("/perSeed/0/alerts").toString());
        assertTrue(m.at("/perSeed/0/collapseStart").isNull());
        for (String figure : List.of(
                "inputVolumeRatio",
                "inputWeightRatio",
                "inputOthersVolumeRatioMin",
                "inputOthersVolumeRatioMax",
                "alertSeconds/model",
                "alertSeconds/input")) {
            assertTrue(m.at("/focus/" + figure).isNull(), figure);
        }
        assertEquals(0.4, m.at("/focus/volumeRatio").asDouble(), EXACT);
    }
}
