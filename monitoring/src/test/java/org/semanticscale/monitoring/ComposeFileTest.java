package org.semanticscale.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so the stack is checked without one: docker-compose validates the file,
 * and every Dockerfile, everything those Dockerfiles copy, and every file the services mount exists.
 */
class ComposeFileTest {
    private static final Path ROOT = Promtool.MONITORING.getParent();
    private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        Process p = new ProcessBuilder(
                        Promtool.binary("docker-compose").toString(), "-f", COMPOSE.toString(), "config", "--quiet")
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "docker-compose config finished");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
    }

    @Test
    void theStackHasEveryServiceTheIssueNames() throws IOException {
        Set<String> services = new TreeSet<>();
        compose().path("services").fieldNames().forEachRemaining(services::add);
        assertEquals(
                Set.of("alertmanager", "grafana", "kafka", "prometheus", "replay", "streams-app", "topics", "trainer"),
                services);
        assertEquals(
                "demo",
                compose()
                        .path("services")
                        .path("replay")
                        .path("profiles")
                        .get(0)
                        .asText());
        assertTrue(
                compose().path("services").path("kafka").path("image").asText().startsWith("apache/kafka:"));
    }

    @Test
    void everyBuiltImageHasItsDockerfileAndEverythingItCopies() throws IOException {
        List<String> checked = new ArrayList<>();
        for (JsonNode service : compose().path("services")) {
            JsonNode build = service.path("build");
            if (build.isMissingNode()) {
                continue;
            }
            Path context = ROOT.resolve(build.path("context").asText("."));
            Path dockerfile = context.resolve(build.path("dockerfile").asText("Dockerfile"));
            assertTrue(Files.isRegularFile(dockerfile), dockerfile + " exists");
            Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+) ").matcher(Files.readString(dockerfile));
            while (copy.find()) {
                String source = copy.group(1);
                assertTrue(
                        source.equals(".") || Files.exists(context.resolve(source)),
                        dockerfile + " copies " + source + ", which exists");
            }
            checked.add(dockerfile.toString());
        }
        assertEquals(2, checked.size(), "the streams-app and trainer images: " + checked);
    }

    @Test
    void everyMountedProjectFileExists() throws IOException {
        int mounts = 0;
        for (JsonNode service : compose().path("services")) {
            for (JsonNode volume : service.path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith("./")) {
                    assertTrue(Files.exists(ROOT.resolve(source)), source + " is mounted and exists");
                    mounts++;
                }
            }
        }
        assertEquals(
                5, mounts, "Prometheus config and rules, Alertmanager config, Grafana provisioning and dashboards");
    }

    private static JsonNode compose() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile());
    }
}
