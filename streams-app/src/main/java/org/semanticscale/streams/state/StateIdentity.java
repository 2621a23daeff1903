package org.semanticscale.streams.state;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Which Kafka data the local state stores were built from: the cluster, the application and the id
 * of each changelog topic. Kafka Streams trusts a local store whose committed offset lies beyond its
 * changelog's end (a new cluster, or internal topics deleted to reset the app) unless one restore
 * fetch happens to return "offset out of range" in time, so the app compares this identity itself
 * before it starts (see docs/decisions.md, "Local state belongs to one cluster").
 *
 * @param clusterId       the Kafka cluster's id
 * @param applicationId   the Kafka Streams application id
 * @param changelogTopics changelog topic name to its topic id; a topic deleted and created again gets a new id
 */
public record StateIdentity(String clusterId, String applicationId, Map<String, String> changelogTopics) {
    private static final String CLUSTER = "cluster.id";
    private static final String APPLICATION = "application.id";
    private static final String CHANGELOG = "changelog.";

    public StateIdentity {
        changelogTopics = Map.copyOf(changelogTopics);
    }

    /**
     * Why local state recorded as {@code this} must not be used by an app that is now {@code current},
     * or empty when it may.
     */
    public Optional<String> mismatch(StateIdentity current) {
        if (!clusterId.equals(current.clusterId)) {
            return Optional.of(
                    "it was built from Kafka cluster " + clusterId + ", and this is cluster " + current.clusterId);
        }
        if (!applicationId.equals(current.applicationId)) {
            return Optional.of("it belongs to application " + applicationId + ", not " + current.applicationId);
        }
        for (var e : new TreeMap<>(changelogTopics).entrySet()) {
            String now = current.changelogTopics.get(e.getKey());
            if (!e.getValue().equals(now)) {
                return Optional.of("its changelog " + e.getKey() + " (topic id " + e.getValue() + ") "
                        + (now == null ? "no longer exists" : "was deleted and created again (topic id " + now + ")"));
            }
        }
        return Optional.empty();
    }

    /** The identity recorded in {@code file}, or empty when there is none. */
    public static Optional<StateIdentity> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String cluster = p.getProperty(CLUSTER);
        String application = p.getProperty(APPLICATION);
        if (cluster == null || application == null) {
            throw new IOException(file + " names no " + (cluster == null ? CLUSTER : APPLICATION));
        }
        Map<String, String> changelogs = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(CHANGELOG)) {
                changelogs.put(key.substring(CHANGELOG.length()), p.getProperty(key));
            }
        }
        return Optional.of(new StateIdentity(cluster, application, changelogs));
    }

    /** Writes the identity to {@code file}, replacing the old one in one step. */
    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty(CLUSTER, clusterId);
        p.setProperty(APPLICATION, applicationId);
        changelogTopics.forEach((topic, id) -> p.setProperty(CHANGELOG + topic, id));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(
                file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try (Writer w = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            p.store(w, "what the streams-app's local state was built from; see docs/reliability.md");
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
