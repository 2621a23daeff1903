package org.semanticscale.streams.topology;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.record.ScaleRecords;
import org.semanticscale.scale.Saturation;
import org.semanticscale.scale.SemanticScales;
import org.semanticscale.streams.StreamsAppConfig;
import org.semanticscale.streams.alert.AlertPolicy;
import org.semanticscale.streams.alert.DropPolicy;
import org.semanticscale.streams.deadletter.DeadLetter;
import org.semanticscale.streams.deadletter.DeadLetterWriter;
import org.semanticscale.streams.ingest.FeatureIngestProcessor;
import org.semanticscale.streams.ingest.Ingested;
import org.semanticscale.streams.metrics.StreamsAppMetrics;
import org.semanticscale.streams.scale.ScaleOutput;
import org.semanticscale.streams.scale.ScaleProcessor;
import org.semanticscale.streams.window.ClassSummaryMessage;
import org.semanticscale.streams.window.ClassWindowProcessor;
import org.semanticscale.streams.window.WindowOutput;

/**
 * The one factory of the streams-app topology (docs/decisions.md, 'The streams-app's two stages'). Reads top
 * to bottom:
 *
 * <pre>
 *   features topic -> ingest (decode, name the class) --refused--> dead letters
 *        | keyed by label: straight on;  key empty: repartition by label ("features-by-class")
 *        v
 *   stage A: class windows (store "class-windows") --wrong dimension--> dead letters
 *        | class summaries, one partition ("class-summaries")
 *        v
 *   stage B: scales, weights, saturation, alerts (store "class-states") --> scales topic, alerts topic
 * </pre>
 */
public final class ScaleTopology {
    public static final String WINDOW_STORE = "class-windows";
    public static final String STATE_STORE = "class-states";
    public static final String FEATURES_BY_CLASS = "features-by-class";
    public static final String CLASS_SUMMARIES = "class-summaries";

    private ScaleTopology() {}

    /** The changelog topics of the two stores, named as Kafka Streams names them: {@code <application.id>-<store>-changelog}. */
    public static List<String> changelogTopics(String applicationId) {
        return List.of(
                applicationId + "-" + WINDOW_STORE + "-changelog", applicationId + "-" + STATE_STORE + "-changelog");
    }

    public static Topology build(StreamsAppConfig config, StreamsAppMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        // Caching turns the per-vector rewrites of a class's open chunk into one write per commit.
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(WINDOW_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled()
                .withLoggingEnabled(Map.of()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(STATE_STORE), Serdes.String(), Serdes.ByteArray())
                .withLoggingEnabled(Map.of()));

        // 1. Ingest: decode and name each vector's class; refuse what cannot be read.
        KStream<byte[], byte[]> raw = builder.stream(
                config.featuresTopic(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("features-in"));
        Map<String, KStream<String, Ingested>> ingested = raw.process(
                        () -> new FeatureIngestProcessor(config.featureDimension()), Named.as("ingest"))
                .split(Named.as("ingest-"))
                .branch((k, v) -> v instanceof Ingested.Refused, Branched.as("refused"))
                .branch((k, v) -> ((Ingested.Accepted) v).rekey(), Branched.as("rekey"))
                .defaultBranch(Branched.as("keyed"));
        KStream<String, DeadLetter> refusedAtIngest = ingested.get("ingest-refused")
                .mapValues(v -> ((Ingested.Refused) v).deadLetter(), Named.as("ingest-dead-letters"));

        // 2. Every class on one partition: records keyed by label already are; the others are repartitioned.
        KStream<String, Ingested.Accepted> keyed =
                ingested.get("ingest-keyed").mapValues(v -> (Ingested.Accepted) v, Named.as("keyed-vectors"));
        KStream<String, Ingested.Accepted> rekeyed = ingested.get("ingest-rekey")
                .mapValues(v -> ((Ingested.Accepted) v).vector(), Named.as("rekey-vectors"))
                .repartition(Repartitioned.<String, FeatureVector>as(FEATURES_BY_CLASS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(FeatureVectorSerde.create()))
                .mapValues(v -> new Ingested.Accepted(v, false), Named.as("repartitioned-vectors"));

        // 3. Stage A: per-class sliding windows; summaries of changed classes once per interval.
        Map<String, KStream<String, WindowOutput>> windowed = keyed.merge(rekeyed, Named.as("all-vectors"))
                .process(
                        () -> new ClassWindowProcessor(
                                WINDOW_STORE,
                                config.windowSpan(),
                                config.maxPerClass(),
                                config.scaleInterval(),
                                metrics),
                        Named.as("class-windows-processor"),
                        WINDOW_STORE)
                .split(Named.as("window-"))
                .branch((k, v) -> v instanceof WindowOutput.Refused, Branched.as("refused"))
                .defaultBranch(Branched.as("summaries"));
        KStream<String, DeadLetter> refusedAtWindow = windowed.get("window-refused")
                .mapValues(v -> ((WindowOutput.Refused) v).deadLetter(), Named.as("window-dead-letters"));

        // 4. Dead letters from both stages, as received, with headers naming the reason and source.
        refusedAtIngest
                .merge(refusedAtWindow, Named.as("all-dead-letters"))
                .process(() -> new DeadLetterWriter(metrics), Named.as("dead-letter-writer"))
                .to(
                        config.deadLettersTopic(),
                        Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dead-letters-out"));

        // 5. Stage B: every class's summary in one task; scales and alerts out.
        SemanticScales scales =
                new SemanticScales(config.alpha(), config.normalization(), config.beta(), config.minSamples());
        AlertPolicy alerts = new AlertPolicy(config.alertThreshold(), config.alertHysteresis());
        DropPolicy drops = new DropPolicy(
                config.alertDrop(), config.alertHysteresis(), config.alertBaseline(), config.alertBaselineMin());
        Map<String, KStream<String, ScaleOutput>> published = windowed.get("window-summaries")
                .mapValues(v -> ((WindowOutput.Summary) v).summary(), Named.as("summaries"))
                .repartition(Repartitioned.<String, ClassSummaryMessage>as(CLASS_SUMMARIES)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(JsonSerde.of(ClassSummaryMessage.class))
                        .withNumberOfPartitions(1))
                .process(
                        () -> new ScaleProcessor(
                                STATE_STORE,
                                scales,
                                alerts,
                                drops,
                                new Saturation(config.saturationThreshold()),
                                config.publishInterval(),
                                metrics),
                        Named.as("scales-processor"),
                        STATE_STORE)
                .split(Named.as("out-"))
                .branch((k, v) -> v instanceof ScaleOutput.Alert, Branched.as("alerts"))
                .defaultBranch(Branched.as("scales"));
        published
                .get("out-scales")
                .mapValues(v -> ScaleRecords.toJson(((ScaleOutput.Scale) v).record()), Named.as("scales-json"))
                .to(
                        config.scalesTopic(),
                        Produced.with(Serdes.String(), Serdes.String()).withName("scales-out"));
        published
                .get("out-alerts")
                .mapValues(v -> ((ScaleOutput.Alert) v).record().toJson(), Named.as("alerts-json"))
                .to(
                        config.alertsTopic(),
                        Produced.with(Serdes.String(), Serdes.String()).withName("alerts-out"));
        return builder.build();
    }
}
