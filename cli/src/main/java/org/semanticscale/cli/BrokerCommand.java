package org.semanticscale.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.semanticscale.broker.EmbeddedKafkaBroker;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ssi broker}: a real single-node KRaft Kafka broker in this process, until SIGTERM or Ctrl-C. */
@Command(name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a single-node Kafka broker (KRaft, broker and controller in one) in this process.",
            "",
            "Prints one line with its bootstrap address when ready and runs until SIGTERM or Ctrl-C.",
            "With --data-dir its topics and offsets survive restarts; without, they live in a temporary",
            "directory that is deleted on exit. For local work and tests, not production."
        })
public final class BrokerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "9092", paramLabel = "P", description = "Client port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "H", description = "Address to listen on and advertise (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--data-dir", paramLabel = "D", description = "Where the broker keeps its data across restarts (default: a temporary directory).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        EmbeddedKafkaBroker.Options options = EmbeddedKafkaBroker.Options.defaults().withPort(port).withDataDir(dataDir);
        options = new EmbeddedKafkaBroker.Options(host, options.port(), options.dataDir(), options.extraConfig());
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        spec.commandLine().getOut().printf("ssi broker ready: KAFKA_BOOTSTRAP_SERVERS=%s (data in %s%s)%n",
                broker.bootstrapServers(), broker.dataDir(), dataDir == null ? ", deleted on exit" : "");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
