package org.semanticscale.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Properties;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.semanticscale.dataset.DatasetFormatException;
import org.semanticscale.replay.LabelledDataset;
import org.semanticscale.replay.Profile;
import org.semanticscale.replay.ReplayPlan;
import org.semanticscale.replay.SampleReplayer;
import org.semanticscale.topic.TopicNames;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ssi replay}: streams a labelled data set into ssi.samples with a class profile. */
@Command(name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Streams a labelled data set into the samples topic with a class profile, with a progress bar.",
            "",
            "Data sets: fashion-mnist (apt-get install dataset-fashion-mnist), idx:IMAGES,LABELS[,TEST_IMAGES,TEST_LABELS],",
            "csv:FILE. Profiles: balanced, exp:IF (n_i = n_max * IF^(-i/(C-1))), counts:n0,n1,...,",
            "drift:BASE/LABEL@FROM[-TO] (class LABEL gets nothing between those fractions of the stream).",
            "Deterministic for a seed; key = sample id, value = the binary sample tensor."
        })
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "D", description = "fashion-mnist, idx:... or csv:FILE.")
    String dataset;

    @Option(names = "--profile", defaultValue = "balanced", paramLabel = "P", description = "Class profile (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--epochs", defaultValue = "1", paramLabel = "E", description = "Passes over the selection (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "R", description = "Samples per second, 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the selection and order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.2", paramLabel = "F",
            description = "Held out per class when the data set has no test files (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--bootstrap-servers", paramLabel = "H:P", description = "Kafka (default: KAFKA_BOOTSTRAP_SERVERS, else localhost:9092).")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = TopicNames.SAMPLES, paramLabel = "T", description = "Samples topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        LabelledDataset data;
        ReplayPlan plan;
        try {
            data = LabelledDataset.load(dataset, testFraction, seed);
            plan = ReplayPlan.create(data.train(), Profile.parse(profile), epochs, seed);
        } catch (NoSuchFileException e) {
            err.println("ssi replay: " + e.getFile() + ": " + (e.getReason() == null ? "no such file" : e.getReason()));
            return 2;
        } catch (DatasetFormatException | IllegalArgumentException e) {
            err.println("ssi replay: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("ssi replay: cannot read " + dataset + ": " + e.getMessage());
            return 2;
        }
        err.printf("ssi replay: %s, profile %s, %d epoch(s): %d samples to %s; per class %s%n", data.name(), profile, epochs,
                plan.size(), topic, perClass(plan));
        err.flush();
        SampleReplayer replayer = new SampleReplayer(kafka(), topic);
        Thread stopper = new Thread(replayer::stop, "replay-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        long sent;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("replay").setInitialMax(plan.size())
                .setStyle(ProgressBarStyle.ASCII).setUnit(" samples", 1).showSpeed().continuousUpdate().build()) {
            sent = replayer.replay(data.train(), plan, rate, bar::stepTo);
        } catch (IllegalStateException | org.apache.kafka.common.KafkaException e) {
            err.println("ssi replay: " + e.getMessage() + " (is a broker running at " + kafka().getProperty("bootstrap.servers") + "?)");
            return 1;
        }
        err.printf("ssi replay: sent %d of %d samples%n", sent, plan.size());
        return sent == plan.size() ? 0 : 1;
    }

    private Properties kafka() {
        Properties p = new Properties();
        String env = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        p.put("bootstrap.servers", bootstrapServers != null ? bootstrapServers : env != null && !env.isBlank() ? env : "localhost:9092");
        return p;
    }

    private static String perClass(ReplayPlan plan) {
        StringBuilder b = new StringBuilder();
        long[] sent = plan.sentPerClass();
        for (int i = 0; i < sent.length; i++) {
            b.append(i == 0 ? "" : ", ").append(plan.labels().get(i)).append('=').append(sent[i]);
        }
        return b.toString();
    }
}
