package org.semanticscale.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ssi} command: one subcommand per job. {@code main} only wires and exits. */
@Command(
        name = "ssi",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Measures the semantic scale imbalance of labelled data (\"Delving into Semantic Scale Imbalance\", ICLR 2023).",
            ""
        },
        subcommands = {
            ScalesCommand.class,
            BrokerCommand.class,
            TrainCommand.class,
            StreamsCommand.class,
            ReplayCommand.class,
            DemoCommand.class,
            ExperimentCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Run 'ssi COMMAND --help' for the options of a command."})
public final class SsiCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // No subcommand: show what there is to run.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line configured as the launcher runs it (tests use the same). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SsiCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
