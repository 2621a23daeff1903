package org.semanticscale.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResultsMarkdownTest {

    @Test
    void twoSeedsShowMeanAndSdEachSeedsDifferenceAndTheInterval() {
        String md = ResultsMarkdown.tables(ResultsFixture.twoSeeds());

        // CE overall: 73.3 and 75.0, mean 74.2 +- 1.2; DSB-CE: 76.7 and 77.3, 77.0 +- 0.5.
        assertContains(md, "| ce | 74.2 ± 1.2 | 74.2 ± 1.2 |");
        assertContains(md, "| dsb-ce | 77.0 ± 0.5 |");
        assertContains(md, "| model, seeds | mlp; 1, 2 |");
        assertContains(md, "| focus classes | C (c) |");
        // Differences +3.3 and +2.3, mean +2.8 +- 0.7, interval 2.83 -+ 6.35.
        assertContains(md, "## Against ce: paired differences (points)");
        assertContains(md, "| method | figure | seed 1 | seed 2 | mean ± sd | 95 % interval |");
        assertContains(md, "| dsb-ce | overall | +3.3 | +2.3 | +2.8 ± 0.7 | [-3.5, +9.2] |");
        assertContains(md, "| dsb-ce | focus accuracy | +10.0 | +7.0 | +8.5 ± 2.1 | [-10.6, +27.6] |");
        // Focus: accuracy 52.5 +- 3.5 for CE, Pearson with S 0.533 and 0.408; per view the S' ratio, the others'
        // least and greatest, the weight ratio and the alert delay, the same in every run (sd 0).
        assertContains(md, "## Focus classes: C");
        assertContains(md, "| ce | 52.5 ± 3.5 | baseline | - | 0.47 ± 0.09 |");
        assertContains(md, "| dsb-ce | 61.0 ± 1.4 | +8.5 ± 2.1 | [-10.6, +27.6] |");
        assertContains(
                md, "| method | view | S' ratio | others, least | others, greatest | weight ratio | alert after (s) |");
        assertContains(md, "| ce | model | 0.40 ± 0.00 | 0.67 ± 0.00 | 1.33 ± 0.00 | 2.00 ± 0.00 | 12.50 ± 0.00 |");
        assertContains(md, "| ce | input | 0.18 ± 0.00 | 0.91 ± 0.00 | 1.09 ± 0.00 | 3.00 ± 0.00 | 4.00 ± 0.00 |");
        assertContains(md, "| dsb-ce | input | 0.18 ± 0.00 |");
        assertContains(md, "| C | 10 | 52.5 ± 3.5 | 61.0 ± 1.4 |");
        assertContains(md, "## Wall time per run (s)");
        assertContains(md, "| all methods | 25 | 25 |");
        assertFalse(md.contains("n/a"), md);
    }

    @Test
    void oneSeedShowsTheFiguresWithoutSdAndSaysTheIntervalsAreMissing() {
        String md = ResultsMarkdown.tables(ResultsFixture.oneSeed());

        assertContains(md, "| ce | 73.3 | 73.3 | 90.0 | 80.0 | 50.0 | 50.0 C |");
        assertContains(md, "| dsb-ce | overall | +3.3 | +3.3 | n/a (one seed) |");
        assertContains(md, "| dsb-ce | 60.0 | +10.0 | n/a (one seed) | 0.56 |");
        assertContains(md, "| dsb-ce | model | 0.40 | 0.67 | 1.33 | 2.00 | 12.50 |");
        assertContains(
                md, "| DSB-CE minus CE, overall accuracy | +3.3 points | n/a (one seed) | >= 1.5 points | yes |");
        assertFalse(md.contains("±"), md);
        assertFalse(md.contains("NaN"), md);
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "'" + part + "' in:\n" + text);
    }
}
