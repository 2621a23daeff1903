package org.semanticscale.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.semanticscale.config.ConfigException;
import org.semanticscale.config.ConfigSources;
import org.semanticscale.config.KafkaRefusals;
import org.semanticscale.config.Settings;
import org.semanticscale.connection.KafkaConnection;
import org.semanticscale.dataset.DatasetFormatException;
import org.semanticscale.replay.LabelledDataset;
import org.semanticscale.replay.Narrowing;
import org.semanticscale.replay.Profile;
import org.semanticscale.replay.ReplayPlan;
import org.semanticscale.replay.SampleReplayer;
import org.semanticscale.topic.TopicLayout;
import org.semanticscale.topic.TopicMismatchException;
import org.semanticscale.topic.TopicNames;
import org.semanticscale.topic.TopicRole;
import org.semanticscale.topic.TopicSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ssi replay}: streams a labelled data set into ssi.samples with a class profile. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Streams a labelled data set into the samples topic with a class profile, with a progress bar.",
            "",
            "Data sets: fashion-mnist (apt-get install dataset-fashion-mnist),",
            "idx:IMAGES,LABELS[,TEST_IMAGES,TEST_LABELS], csv:FILE.",
            "",
            "Profiles:",
            "  balanced",
            "  exp:IF                  n_i = n_max * IF^(-i/(C-1))",
            "  counts:n0,n1,...        exactly these per class",
            "  drift:BASE/LABEL@FROM[-TO]",
            "                          class LABEL gets nothing between those fractions",
            "                          of the stream (TO defaults to 1)",
            "  narrow:BASE/LABEL[+LABEL...]:K[@FROM[-TO]]",
            "                          the classes keep BASE's counts and positions, but",
            "                          each of their samples (between FROM and TO, or all",
            "                          along without @) is drawn with replacement from",
            "                          the K samples of the class nearest in input space",
            "                          to an anchor the seed picks. For example",
            "                          narrow:balanced/4:20@0.5 : from half-way, class",
            "                          4's samples come from only 20 near-identical",
            "                          images; its count is unchanged, its diversity",
            "                          collapses.",
            "BASE is any profile: narrow:drift:exp:10/6@0.2-0.4/2:20@0.5-0.8.",
            "Deterministic for a seed; key = sample id, value = the binary sample tensor.",
            "",
            "Kafka client settings, security among them: --config FILE (kafka.* keys, e.g.",
            "kafka.security.protocol=SASL_SSL), SSI_KAFKA_* environment variables",
            "(SSI_KAFKA_SASL_JAAS_CONFIG sets kafka.sasl.jaas.config), then",
            "--set kafka.KEY=VALUE and --bootstrap-servers. A missing topic is created as",
            "the apps create it (topics.partitions, topics.replication-factor and",
            "topics.min-insync-replicas, the apps' defaults unless set)."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every sample sent",
            "1:sending failed (no broker, refused credentials) or stopped early",
            "2:bad data set, profile or configuration"
        })
public final class ReplayCommand implements Callable<Integer> {
    private static final String CONNECTION_TIMEOUT = "connection.timeout";

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "D", description = "fashion-mnist, idx:... or csv:FILE.")
    String dataset;

    @Option(
            names = "--profile",
            defaultValue = "balanced",
            paramLabel = "P",
            description = "Class profile (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(
            names = "--epochs",
            defaultValue = "1",
            paramLabel = "E",
            description = "Passes over the selection (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--rate",
            defaultValue = "0",
            paramLabel = "R",
            description = "Samples per second, 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "S",
            description = "Seed of the selection and order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--test-fraction",
            defaultValue = "0.2",
            paramLabel = "F",
            description = "Held out per class when the data set has no test files (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Mixin
    ConfigOptions options;

    @Option(
            names = "--topic",
            defaultValue = TopicNames.SAMPLES,
            paramLabel = "T",
            description = "Samples topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        Settings settings;
        Duration connectionTimeout;
        try {
            settings = settings(System.getenv());
            connectionTimeout = settings.duration(CONNECTION_TIMEOUT);
        } catch (ConfigException e) {
            err.println("ssi replay: " + e.getMessage());
            return 2;
        } catch (NoSuchFileException e) {
            err.println("ssi replay: configuration file " + e.getFile() + " not found");
            return 2;
        } catch (IOException e) {
            err.println("ssi replay: cannot read the configuration: " + e.getMessage());
            return 2;
        }
        Properties kafka = settings.kafkaClientProperties();
        String bootstrap = kafka.getProperty("bootstrap.servers");
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
        err.printf(
                "ssi replay: %s, profile %s, %d epoch(s): %d samples to %s at %s (%s); per class %s%n",
                data.name(),
                profile,
                epochs,
                plan.size(),
                topic,
                bootstrap,
                kafka.getProperty("security.protocol", "PLAINTEXT"),
                perClass(plan));
        for (Narrowing n : plan.narrowings()) {
            err.printf(
                    "ssi replay: class %s drawn from the %d samples nearest row %d, from %s to %s of the stream%n",
                    n.label(), n.pool().size(), n.anchor(), n.from(), n.to());
        }
        err.flush();
        // Fail fast, with the same words as the apps: the producer would otherwise wait max.block.ms per send.
        // The samples topic is created from the apps' contract first: the broker would otherwise auto-create it
        // with its own partition count, which the streams-app then refuses.
        try (KafkaConnection connection = KafkaConnection.open(kafka, connectionTimeout, "ssi replay")) {
            TopicLayout layout = TopicSettings.from(settings).resolve(connection.brokers());
            connection.ensureTopics(List.of(layout.spec(TopicRole.SAMPLES, topic)));
        } catch (ConfigException | TopicMismatchException e) {
            err.println("ssi replay: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            err.println("ssi replay: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("ssi replay: interrupted");
            return 1;
        }
        SampleReplayer replayer = new SampleReplayer(kafka, topic);
        Thread stopper = new Thread(replayer::stop, "replay-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        long sent;
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("replay")
                .setInitialMax(plan.size())
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" samples", 1)
                .showSpeed()
                .continuousUpdate()
                .build()) {
            sent = replayer.replay(data.train(), plan, rate, bar::stepTo);
        } catch (IllegalStateException | org.apache.kafka.common.KafkaException e) {
            err.println("ssi replay: " + failureMessage(e, bootstrap));
            return 1;
        }
        err.printf("ssi replay: sent %d of %d samples%n", sent, plan.size());
        return sent == plan.size() ? 0 : 1;
    }

    /**
     * The producer's settings, lowest precedence first: localhost:9092, the --config file, the
     * environment (KAFKA_BOOTSTRAP_SERVERS, SSI_KAFKA_*), --set and --bootstrap-servers. Only kafka.*
     * keys, connection.timeout and the apps' topics.partitions, topics.replication-factor and
     * topics.min-insync-replicas (for a samples topic it creates) are taken; any other key is refused as a
     * likely typo.
     */
    Settings settings(Map<String, String> env) throws IOException {
        Map<String, String> defaults = new TreeMap<>(TopicSettings.DEFAULTS);
        defaults.put(ConfigSources.BOOTSTRAP_KEY, "localhost:9092");
        defaults.put(CONNECTION_TIMEOUT, "15s");
        Set<String> known = new TreeSet<>(TopicSettings.DEFAULTS.keySet());
        known.add(CONNECTION_TIMEOUT);
        return new Settings(ConfigSources.merge(defaults, options.config, env, options.overrides()))
                .requireKnownKeys(known);
    }

    /** Says whether the broker refused the client or could not be reached. */
    static String failureMessage(Exception e, String bootstrap) {
        return KafkaRefusals.describe(e, bootstrap, "ssi replay")
                .orElse(e.getMessage() + " (is a broker running at " + bootstrap + "?)");
    }

    private static String perClass(ReplayPlan plan) {
        StringBuilder b = new StringBuilder();
        long[] sent = plan.sentPerClass();
        for (int i = 0; i < sent.length; i++) {
            b.append(i == 0 ? "" : ", ")
                    .append(plan.labels().get(i))
                    .append('=')
                    .append(sent[i]);
        }
        return b.toString();
    }
}
