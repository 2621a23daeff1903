package org.semanticscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ssi experiment} says before it starts anything. */
class ExperimentCommandTest {
    @TempDir
    Path dir;

    @Test
    void helpListsTheOptionsAndTheMethods() {
        CliRun run = CliRun.of("experiment", "--help");
        assertEquals(0, run.exitCode());
        for (String option : new String[] {
            "--dataset",
            "--profile",
            "--methods",
            "--seed",
            "--seeds",
            "--focus",
            "--epochs",
            "--model",
            "--output",
            "--rate",
            "--window-span",
            "--fill-epochs",
            "--refresh-epochs",
            "--alpha",
            "--trainer-set"
        }) {
            assertTrue(run.out().contains(option), option + " in:\n" + run.out());
        }
        assertTrue(run.out().contains("dsb-ce") && run.out().contains("dsb-input-ce"), run.out());
        for (String profile : new String[] {
            "balanced",
            "exp:IF",
            "counts:n0,n1",
            "drift:BASE/LABEL[@FROM[-TO]]",
            "narrow:BASE/LABEL[+LABEL...]:K[@FROM[-TO]]"
        }) {
            // picocli wraps the description at spaces and after colons
            assertTrue(run.out().replaceAll("\\s+", "").contains(profile), profile + " in:\n" + run.out());
        }
        assertTrue(
                run.out().replaceAll("\\s+", " ").contains("95 % t-interval"),
                "the percent sign is escaped for picocli");
        assertTrue(CliRun.of("--help").out().contains("experiment"));
    }

    @Test
    void anUnknownMethodListsTheValidOnes() {
        CliRun run = CliRun.of("experiment", "--methods", "ce,dsb-foo", "--output", dir.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown method 'dsb-foo'") && run.err().contains("cb-ce, dsb-ce"), run.err());
    }

    @Test
    void aMissingDataSetIsNamed() {
        Path missing = dir.resolve("nothing-idx3-ubyte");
        CliRun run = CliRun.of(
                "experiment",
                "--dataset",
                "idx:" + missing + "," + missing,
                "--methods",
                "ce",
                "--output",
                dir.resolve("out").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(missing.toString()) && run.err().contains("no such file"), run.err());
    }

    @Test
    void seedAndSeedsTogetherAreRefusedAndARepeatedSeedIsNamed() {
        CliRun both = CliRun.of("experiment", "--seed", "1", "--seeds", "2,3", "--output", dir.toString());
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("--seed or --seeds, not both"), both.err());
        CliRun twice = CliRun.of("experiment", "--seeds", "1,2,1", "--output", dir.toString());
        assertEquals(2, twice.exitCode());
        assertTrue(twice.err().contains("lists a seed twice: [1, 2, 1]"), twice.err());
    }

    @Test
    void aFocusClassTheDataSetLacksIsNamedBeforeAnythingStarts() throws Exception {
        Path csv = dir.resolve("tiny.csv");
        java.nio.file.Files.writeString(csv, "a,1,2\na,2,1\na,3,3\nb,0,1\nb,1,0\nb,2,2\n");
        CliRun run = CliRun.of(
                "experiment",
                "--dataset",
                "csv:" + csv,
                "--profile",
                "balanced",
                "--methods",
                "ce",
                "--focus",
                "a,z",
                "--output",
                dir.resolve("out").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--focus: class 'z' is not one of the data set's classes [a, b]"), run.err());
    }

    @Test
    void fullSpeedNeedsAWindowSpan() {
        CliRun run = CliRun.of("experiment", "--rate", "0", "--output", dir.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--window-span"), run.err());
    }
}
