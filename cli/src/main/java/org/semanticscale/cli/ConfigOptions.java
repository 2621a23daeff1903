package org.semanticscale.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The configuration options every app command shares: a file, the broker, and key=value overrides. */
final class ConfigOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file (default: the command's file under config/ when it exists).")
    Path config;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "H:P",
            description =
                    "Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS, else the config file, else localhost:9092).")
    String bootstrapServers;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting; repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The file to read: the one given, else {@code defaultFile} when it exists, else none. */
    Path file(String defaultFile) {
        if (config != null) {
            return config;
        }
        Path d = Path.of(defaultFile);
        return Files.isRegularFile(d) ? d : null;
    }

    /** Command-line settings, highest precedence. */
    Map<String, String> overrides() {
        Map<String, String> all = new LinkedHashMap<>(overrides);
        if (bootstrapServers != null) {
            all.put("kafka.bootstrap.servers", bootstrapServers);
        }
        return all;
    }
}
