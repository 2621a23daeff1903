package org.semanticscale.streams.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;
import org.semanticscale.connection.KafkaConnection;

/**
 * Keeps the app from publishing what the current cluster never carried: before Kafka Streams starts,
 * it compares the {@link StateIdentity} recorded beside the local state with the cluster and
 * changelog topics there are now, and says why the local state must be wiped when they differ or
 * when nothing says where the state came from. Once the app runs, it records the identity.
 */
public final class LocalStateGuard {
    private final KafkaConnection connection;
    private final String applicationId;
    private final Path applicationStateDir;
    private final Path identityFile;
    private final List<String> changelogTopics;

    /**
     * @param stateDir        Kafka Streams' {@code state.dir}; the app's state is in {@code stateDir/applicationId}
     * @param changelogTopics the names of the app's changelog topics
     */
    public LocalStateGuard(
            KafkaConnection connection, Path stateDir, String applicationId, List<String> changelogTopics) {
        this.connection = connection;
        this.applicationId = applicationId;
        this.applicationStateDir = stateDir.resolve(applicationId);
        // Beside Kafka Streams' folder, not in it: KafkaStreams.cleanUp() empties that folder.
        this.identityFile = stateDir.resolve(applicationId + ".identity");
        this.changelogTopics = List.copyOf(changelogTopics);
    }

    /** Why the local state must be wiped before the app starts, or empty when there is none or it may be used. */
    public Optional<String> reasonToWipe() throws IOException, InterruptedException, TimeoutException {
        if (!hasLocalState()) {
            return Optional.empty();
        }
        Optional<StateIdentity> recorded;
        try {
            recorded = StateIdentity.read(identityFile);
        } catch (IOException e) {
            return Optional.of("its record " + identityFile + " cannot be read (" + e.getMessage() + ")");
        }
        if (recorded.isEmpty()) {
            return Optional.of("nothing records which Kafka cluster it was built from (no " + identityFile + ")");
        }
        return recorded.get().mismatch(current());
    }

    /**
     * Records the identity of the state now being built; call once the app runs. Refuses while a
     * changelog cannot be seen yet: a record without it could never notice that changelog recreated.
     */
    public void recordCurrent() throws IOException, InterruptedException, TimeoutException {
        StateIdentity current = current();
        if (!current.changelogTopics().keySet().containsAll(changelogTopics)) {
            throw new IllegalStateException("changelog topics not visible yet: " + changelogTopics + " expected, "
                    + current.changelogTopics().keySet() + " found");
        }
        current.write(identityFile);
    }

    public Path applicationStateDir() {
        return applicationStateDir;
    }

    private StateIdentity current() throws InterruptedException, TimeoutException {
        Map<String, String> ids = new TreeMap<>();
        for (String topic : changelogTopics) {
            Uuid id = connection.topicId(topic);
            if (!Uuid.ZERO_UUID.equals(id)) {
                ids.put(topic, id.toString());
            }
        }
        return new StateIdentity(connection.clusterId(), applicationId, ids);
    }

    /** True when Kafka Streams has a task directory for this application. */
    private boolean hasLocalState() throws IOException {
        if (!Files.isDirectory(applicationStateDir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(applicationStateDir)) {
            return entries.anyMatch(Files::isDirectory);
        }
    }
}
