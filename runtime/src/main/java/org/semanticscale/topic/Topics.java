package org.semanticscale.topic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics an app needs when they are missing, and checks the ones that exist against the same
 * specs: an existing topic is never changed, but one that cannot serve stops the app with a
 * {@link TopicMismatchException} (see {@link ExistingTopic}).
 */
public final class Topics {
    private static final Logger LOG = LoggerFactory.getLogger(Topics.class);

    private Topics() {}

    /** As {@link #ensure(Admin, Collection, long, String)}, the fixes suggested with a placeholder address. */
    public static List<String> ensure(Admin admin, Collection<TopicSpec> specs, long timeoutMillis)
            throws InterruptedException, TimeoutException {
        return ensure(admin, specs, timeoutMillis, "HOST:PORT");
    }

    /**
     * Checks every existing topic of {@code specs}, then creates every missing one, and returns the names it
     * created.
     *
     * @param servers the bootstrap servers, named in the fixes a {@link TopicMismatchException} suggests
     * @throws TopicMismatchException when an existing topic does not fit its spec (nothing is created then)
     */
    public static List<String> ensure(Admin admin, Collection<TopicSpec> specs, long timeoutMillis, String servers)
            throws InterruptedException, TimeoutException {
        try {
            Set<String> names = admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS);
            List<TopicSpec> existing = new ArrayList<>();
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec s : specs) {
                if (names.contains(s.name())) {
                    existing.add(s);
                } else {
                    missing.add(new NewTopic(s.name(), s.partitions(), s.replicationFactor()).configs(s.configs()));
                }
            }
            check(admin, existing, timeoutMillis, servers);
            return create(admin, missing, timeoutMillis);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot list or describe topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static void check(Admin admin, List<TopicSpec> specs, long timeoutMillis, String servers)
            throws InterruptedException, TimeoutException, ExecutionException {
        if (specs.isEmpty()) {
            return;
        }
        Map<String, ExistingTopic> described = describe(admin, specs, timeoutMillis);
        List<String> problems = new ArrayList<>();
        for (TopicSpec spec : specs) {
            ExistingTopic topic = described.get(spec.name());
            problems.addAll(topic.problems(spec, servers));
            topic.warnings(spec).forEach(LOG::warn);
            if (topic.partitions() > spec.partitions()) {
                LOG.info(
                        "topic {} has {} partitions, more than the {} configured: used as it is",
                        spec.name(),
                        topic.partitions(),
                        spec.partitions());
            }
        }
        if (!problems.isEmpty()) {
            throw new TopicMismatchException(problems);
        }
    }

    private static Map<String, ExistingTopic> describe(Admin admin, List<TopicSpec> specs, long timeoutMillis)
            throws InterruptedException, TimeoutException, ExecutionException {
        List<String> names = specs.stream().map(TopicSpec::name).toList();
        Map<String, TopicDescription> descriptions =
                admin.describeTopics(names).allTopicNames().get(timeoutMillis, TimeUnit.MILLISECONDS);
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                .toList();
        Map<ConfigResource, Config> configs =
                admin.describeConfigs(resources).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
        Map<String, ExistingTopic> out = new HashMap<>();
        for (ConfigResource r : resources) {
            TopicDescription d = descriptions.get(r.name());
            ConfigEntry policy = configs.get(r).get(TopicConfig.CLEANUP_POLICY_CONFIG);
            int replicas = d.partitions().stream()
                    .map(TopicPartitionInfo::replicas)
                    .map(List::size)
                    .min(Comparator.naturalOrder())
                    .orElse(0);
            out.put(
                    r.name(),
                    new ExistingTopic(
                            r.name(), d.partitions().size(), replicas, policy == null ? null : policy.value()));
        }
        return out;
    }

    private static List<String> create(Admin admin, List<NewTopic> missing, long timeoutMillis)
            throws InterruptedException, TimeoutException {
        List<String> created = new ArrayList<>();
        if (missing.isEmpty()) {
            return created;
        }
        Map<String, NewTopic> byName = new HashMap<>();
        missing.forEach(t -> byName.put(t.name(), t));
        var results = admin.createTopics(missing).values();
        for (var e : results.entrySet()) {
            try {
                e.getValue().get(timeoutMillis, TimeUnit.MILLISECONDS);
                created.add(e.getKey());
                NewTopic t = byName.get(e.getKey());
                LOG.info(
                        "created topic {}: {} partition(s), {} replica(s), {}",
                        t.name(),
                        t.numPartitions(),
                        t.replicationFactor(),
                        t.configs());
            } catch (ExecutionException ex) {
                // Created since it was listed, by another app from the same contract as a rule: not checked now.
                if (!(ex.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "cannot create topic " + e.getKey() + ": "
                                    + ex.getCause().getMessage(),
                            ex.getCause());
                }
            }
        }
        return created;
    }
}
