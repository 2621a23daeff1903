package org.semanticscale.reliability.harness;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The apps' configuration files as the tests write them: the shipped defaults plus what a test changes. */
public final class Configs {
    private Configs() {}

    /** Writes a properties file and returns its path. */
    public static Path write(Path file, Map<String, String> settings) throws IOException {
        Properties p = new Properties();
        p.putAll(settings);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "written by a reliability test");
        }
        return file;
    }

    /** streams-app settings for a test: fast scale updates, metrics on a free port, state under {@code stateDir}. */
    public static Map<String, String> streams(String bootstrap, String applicationId, Path stateDir) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("kafka.bootstrap.servers", bootstrap);
        s.put("application.id", applicationId);
        s.put("state.dir", stateDir.toString());
        s.put("scale.interval", "500ms");
        s.put("scale.publish-interval", "200ms");
        s.put("metrics.port", "0");
        return s;
    }

    /** Trainer settings for a test: a small MLP on 8-d samples of classes a..e, metrics on a free port. */
    public static Map<String, String> trainer(String bootstrap, Path checkpoints) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("kafka.bootstrap.servers", bootstrap);
        s.put("classes", SampleData.CLASSES);
        s.put("model.input-shape", "8");
        s.put("model.hidden", "32,16");
        s.put("features.dimension", "4");
        s.put("batch.size", "16");
        s.put("batch.max-wait", "200ms");
        s.put("learning.rate", "0.01");
        s.put("stage.fill-samples", "200");
        s.put("stage.refresh-samples", "200");
        s.put("checkpoint.dir", checkpoints.toString());
        s.put("checkpoint.every-steps", "20");
        s.put("metrics.port", "0");
        s.put("connection.timeout", "20s");
        s.put("seed", "7");
        return s;
    }
}
