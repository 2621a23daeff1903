package org.semanticscale.connection;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.semanticscale.config.KafkaRefusals;
import org.semanticscale.topic.TopicSpec;
import org.semanticscale.topic.Topics;

/**
 * An admin connection to the Kafka cluster an app works against, opened only once a broker has
 * answered: Kafka clients otherwise retry quietly for ever. The streams-app, the trainer and
 * {@code ssi replay} check the broker here, with one timeout and one wording, and ask it which
 * cluster they are on (the identity their local state is tied to).
 */
public final class KafkaConnection implements AutoCloseable {
    private final Admin admin;
    private final String bootstrapServers;
    private final String clusterId;
    private final Duration timeout;
    private final String client;
    private final int brokers;

    private KafkaConnection(
            Admin admin, String bootstrapServers, String clusterId, int brokers, Duration timeout, String client) {
        this.admin = admin;
        this.brokers = brokers;
        this.client = client;
        this.bootstrapServers = bootstrapServers;
        this.clusterId = clusterId;
        this.timeout = timeout;
    }

    /**
     * Connects and waits for the cluster's description.
     *
     * @param clientProperties Kafka client settings, {@code bootstrap.servers} and any security settings among them
     * @param client           who connects, as it reads in a sentence: "the trainer", "ssi replay"
     * @throws BrokerUnreachableException     when no broker answers within the timeout
     * @throws BrokerAuthenticationException  when a broker answers but refuses the client (TLS, credentials, access)
     */
    public static KafkaConnection open(Properties clientProperties, Duration timeout, String client) {
        String servers = clientProperties.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        Admin admin;
        try {
            admin = Admin.create(p);
        } catch (KafkaException e) {
            // A malformed setting (bootstrap.servers without a port, an unknown security protocol).
            throw new IllegalStateException(
                    "cannot create a Kafka client for " + servers + ": " + e.getMessage()
                            + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"),
                    e);
        }
        try {
            // One deadline for both answers: the timeout is what the message promises.
            long deadline = System.nanoTime() + timeout.toNanos();
            DescribeClusterResult cluster = admin.describeCluster();
            int brokers =
                    cluster.nodes().get(timeout.toNanos(), TimeUnit.NANOSECONDS).size();
            if (brokers == 0) {
                throw unreachable(servers, timeout, "the cluster reported no brokers");
            }
            String clusterId = cluster.clusterId().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new KafkaConnection(admin, servers, clusterId, brokers, timeout, client);
        } catch (TimeoutException e) {
            admin.close(Duration.ZERO);
            throw unreachable(servers, timeout, "no answer");
        } catch (ExecutionException e) {
            admin.close(Duration.ZERO);
            KafkaRefusals.describe(e.getCause(), servers, client).ifPresent(refusal -> {
                throw new BrokerAuthenticationException(refusal, e.getCause());
            });
            throw unreachable(servers, timeout, e.getCause().getMessage());
        } catch (InterruptedException e) {
            admin.close(Duration.ZERO);
            Thread.currentThread().interrupt();
            throw unreachable(servers, timeout, "interrupted");
        } catch (RuntimeException e) {
            admin.close(Duration.ZERO);
            throw e;
        }
    }

    private static BrokerUnreachableException unreachable(String servers, Duration timeout, String why) {
        return new BrokerUnreachableException("no Kafka broker reachable at " + servers + " within "
                + timeout.toSeconds() + " s (" + why + "): start one (for example 'ssi broker') or point "
                + "--bootstrap-servers / KAFKA_BOOTSTRAP_SERVERS / kafka.bootstrap.servers at yours");
    }

    /**
     * Checks the topics that exist and creates the ones that are missing. A refused request says which
     * settings to check; a broker that does not answer in time says so.
     *
     * @throws org.semanticscale.topic.TopicMismatchException when an existing topic does not fit its spec
     */
    public void ensureTopics(List<TopicSpec> specs) throws InterruptedException {
        try {
            Topics.ensure(admin, specs, timeout.toMillis(), bootstrapServers);
        } catch (TimeoutException | KafkaException | IllegalStateException e) {
            Optional<String> refusal = KafkaRefusals.describe(e, bootstrapServers, client);
            if (refusal.isPresent()) {
                throw new BrokerAuthenticationException(refusal.get(), e);
            }
            if (e instanceof IllegalStateException unchanged) {
                throw unchanged; // Topics.ensure's own message names the topic
            }
            throw new IllegalStateException(
                    "could not list or create topics on " + bootstrapServers + " within " + timeout.toSeconds() + " s ("
                            + e.getMessage() + ")",
                    e);
        }
    }

    /** The admin client, with requests bounded by the connection's timeout; closed with this connection. */
    public Admin admin() {
        return admin;
    }

    /** The cluster's id: it changes when the cluster is a different one or was recreated. */
    public String clusterId() {
        return clusterId;
    }

    /** How many brokers answered when the connection opened: what {@code auto} replication follows. */
    public int brokers() {
        return brokers;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * The topic's id, or {@link Uuid#ZERO_UUID} when it does not exist: a topic deleted and created
     * again under the same name gets a new id.
     */
    public Uuid topicId(String topic) throws InterruptedException, TimeoutException {
        try {
            return admin.describeTopics(Set.of(topic))
                    .topicNameValues()
                    .get(topic)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .topicId();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Uuid.ZERO_UUID;
            }
            throw new IllegalStateException(
                    "cannot describe topic " + topic + " on " + bootstrapServers + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    @Override
    public void close() {
        admin.close(timeout);
    }
}
