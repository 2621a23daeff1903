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
        assertTrue(run.out().contains("dsb-ce"), run.out());
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
    void fullSpeedNeedsAWindowSpan() {
        CliRun run = CliRun.of("experiment", "--rate", "0", "--output", dir.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--window-span"), run.err());
    }
}
