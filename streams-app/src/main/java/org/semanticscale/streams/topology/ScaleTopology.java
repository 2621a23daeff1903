package org.semanticscale.streams.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.state.Stores;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.record.ScaleRecords;
import org.semanticscale.scale.Saturation;
import org.semanticscale.scale.SemanticScales;
import org.semanticscale.sketch.Sketcher;
import org.semanticscale.streams.StreamsAppConfig;
import org.semanticscale.streams.View;
import org.semanticscale.streams.alert.AlertPolicy;
import org.semanticscale.streams.alert.DropPolicy;
import org.semanticscale.streams.deadletter.DeadLetter;
import org.semanticscale.streams.deadletter.DeadLetterWriter;
import org.semanticscale.streams.ingest.FeatureIngestProcessor;
import org.semanticscale.streams.ingest.Ingested;
import org.semanticscale.streams.ingest.SampleIngestProcessor;
import org.semanticscale.streams.metrics.StreamsAppMetrics;
import org.semanticscale.streams.metrics.ViewMetrics;
import org.semanticscale.streams.scale.PublishPolicy;
import org.semanticscale.streams.scale.ScaleOutput;
import org.semanticscale.streams.scale.ScaleProcessor;
import org.semanticscale.streams.window.ClassSummaryMessage;
import org.semanticscale.streams.window.ClassWindowProcessor;
import org.semanticscale.streams.window.WindowOutput;

/**
 * The one factory of the streams-app topology (docs/decisions.md, 'The streams-app's two stages' and 'Two views
 * in one app'). Two independent branches, one per {@link View}, built by {@link #addView} and reading top to
 * bottom the same way; only their ingest differs:
 *
 * <pre>
 *   model view: features topic -> ingest (decode, name the class)        --refused--> dead letters
 *   input view: samples topic  -> ingest (decode, sketch: fixed projection) --refused--> dead letters
 *        | keyed by label: straight on;  otherwise repartition by label ("[input-]features-by-class")
 *        v
 *   stage A: class windows (store "[input-]class-windows") --wrong dimension--> dead letters
 *        | class summaries, one partition ("[input-]class-summaries")
 *        v
 *   stage B: scales, weights, saturation, alerts (store "[input-]class-states")
 *        --> scales topic (model) / input-scales topic (input), alerts topic (both, field "view")
 * </pre>
 *
 * The input view is left out when {@code input.enabled=false}. Both views take the same window.*, scale.*,
 * alert.* and saturation.* settings.
 */
public final class ScaleTopology {
    public static final String WINDOW_STORE = "class-windows";
    public static final String STATE_STORE = "class-states";
    public static final String FEATURES_BY_CLASS = "features-by-class";
    public static final String CLASS_SUMMARIES = "class-summaries";
    public static final String INPUT_WINDOW_STORE = View.INPUT.prefix() + WINDOW_STORE;
    public static final String INPUT_STATE_STORE = View.INPUT.prefix() + STATE_STORE;
    public static final String INPUT_FEATURES_BY_CLASS = View.INPUT.prefix() + FEATURES_BY_CLASS;
    public static final String INPUT_CLASS_SUMMARIES = View.INPUT.prefix() + CLASS_SUMMARIES;

    private ScaleTopology() {}

    /** The views this configuration runs: the model view, and the input view unless {@code input.enabled=false}. */
    public static List<View> views(StreamsAppConfig config) {
        return config.inputEnabled() ? List.of(View.MODEL, View.INPUT) : List.of(View.MODEL);
    }

    /**
     * The changelog topics of every store of the views this configuration runs, named as Kafka Streams names
     * them: {@code <application.id>-<store>-changelog}.
     */
    public static List<String> changelogTopics(StreamsAppConfig config) {
        List<String> topics = new ArrayList<>();
        for (View view : views(config)) {
            topics.add(config.applicationId() + "-" + view.prefix() + WINDOW_STORE + "-changelog");
            topics.add(config.applicationId() + "-" + view.prefix() + STATE_STORE + "-changelog");
        }
        return topics;
    }

    public static Topology build(StreamsAppConfig config, StreamsAppMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        List<KStream<String, DeadLetter>> refused = new ArrayList<>();

        // The model view: the model's features, as the trainer (or a user's encoder) publishes them.
        refused.add(addView(
                builder,
                View.MODEL,
                config.featuresTopic(),
                () -> new FeatureIngestProcessor(config.featureDimension()),
                config.scalesTopic(),
                config,
                metrics.view(View.MODEL)));

        // The input view: each labelled sample's sketch, one projection shared by every task (it is immutable).
        if (config.inputEnabled()) {
            Sketcher sketcher = new Sketcher(config.inputProjection(), config.inputSeed(), config.inputDimension());
            refused.add(addView(
                    builder,
                    View.INPUT,
                    config.samplesTopic(),
                    () -> new SampleIngestProcessor(sketcher, config.inputLength()),
                    config.inputScalesTopic(),
                    config,
                    metrics.view(View.INPUT)));
        }

        // Dead letters of every view and stage, as received, with headers naming the reason and source.
        KStream<String, DeadLetter> deadLetters = refused.get(0);
        for (int i = 1; i < refused.size(); i++) {
            deadLetters = deadLetters.merge(refused.get(i), Named.as("all-views-dead-letters"));
        }
        deadLetters
                .process(() -> new DeadLetterWriter(metrics), Named.as("dead-letter-writer"))
                .to(
                        config.deadLettersTopic(),
                        Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dead-letters-out"));
        return builder.build();
    }

    /**
     * Adds one view's branch: ingest from {@code inputTopic}, stage A, stage B, its scales to {@code scalesTopic}
     * and its alerts to the alerts topic. Every name in it starts with the view's prefix.
     *
     * @return the records this view refused, for the one dead-letter writer
     */
    private static KStream<String, DeadLetter> addView(
            StreamsBuilder builder,
            View view,
            String inputTopic,
            Supplier<Processor<byte[], byte[], String, Ingested>> ingest,
            String scalesTopic,
            StreamsAppConfig config,
            ViewMetrics metrics) {
        String p = view.prefix();
        String windowStore = p + WINDOW_STORE;
        String stateStore = p + STATE_STORE;
        // Caching turns the per-vector rewrites of a class's open chunk into one write per commit.
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(windowStore), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled()
                .withLoggingEnabled(Map.of()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(stateStore), Serdes.String(), Serdes.ByteArray())
                .withLoggingEnabled(Map.of()));

        // 1. Ingest: decode and name each vector's class; refuse what cannot be read.
        KStream<byte[], byte[]> raw = builder.stream(
                inputTopic,
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(p + inputName(view)));
        Map<String, KStream<String, Ingested>> ingested = raw.process(ingest::get, Named.as(p + "ingest"))
                .split(Named.as(p + "ingest-"))
                .branch((k, v) -> v instanceof Ingested.Refused, Branched.as("refused"))
                .branch((k, v) -> ((Ingested.Accepted) v).rekey(), Branched.as("rekey"))
                .defaultBranch(Branched.as("keyed"));
        KStream<String, DeadLetter> refusedAtIngest = ingested.get(p + "ingest-refused")
                .mapValues(v -> ((Ingested.Refused) v).deadLetter(), Named.as(p + "ingest-dead-letters"));

        // 2. Every class on one partition: records keyed by label already are; the others are repartitioned.
        KStream<String, Ingested.Accepted> keyed =
                ingested.get(p + "ingest-keyed").mapValues(v -> (Ingested.Accepted) v, Named.as(p + "keyed-vectors"));
        KStream<String, Ingested.Accepted> rekeyed = ingested.get(p + "ingest-rekey")
                .mapValues(v -> ((Ingested.Accepted) v).vector(), Named.as(p + "rekey-vectors"))
                .repartition(Repartitioned.<String, FeatureVector>as(p + FEATURES_BY_CLASS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(FeatureVectorSerde.create()))
                .mapValues(v -> new Ingested.Accepted(v, false), Named.as(p + "repartitioned-vectors"));

        // 3. Stage A: per-class sliding windows; summaries of changed classes once per interval.
        Map<String, KStream<String, WindowOutput>> windowed = keyed.merge(rekeyed, Named.as(p + "all-vectors"))
                .process(
                        () -> new ClassWindowProcessor(
                                windowStore,
                                config.windowSpan(),
                                config.maxPerClass(),
                                config.scaleInterval(),
                                metrics),
                        Named.as(p + "class-windows-processor"),
                        windowStore)
                .split(Named.as(p + "window-"))
                .branch((k, v) -> v instanceof WindowOutput.Refused, Branched.as("refused"))
                .defaultBranch(Branched.as("summaries"));
        KStream<String, DeadLetter> refusedAtWindow = windowed.get(p + "window-refused")
                .mapValues(v -> ((WindowOutput.Refused) v).deadLetter(), Named.as(p + "window-dead-letters"));

        // 4. Stage B: every class's summary in one task; scales and alerts out.
        SemanticScales scales =
                new SemanticScales(config.alpha(), config.normalization(), config.beta(), config.minSamples());
        AlertPolicy alerts = new AlertPolicy(config.alertThreshold(), config.alertHysteresis());
        DropPolicy drops = new DropPolicy(
                config.alertDrop(), config.alertHysteresis(), config.alertBaseline(), config.alertBaselineMin());
        Map<String, KStream<String, ScaleOutput>> published = windowed.get(p + "window-summaries")
                .mapValues(v -> ((WindowOutput.Summary) v).summary(), Named.as(p + "summaries"))
                .repartition(Repartitioned.<String, ClassSummaryMessage>as(p + CLASS_SUMMARIES)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(JsonSerde.of(ClassSummaryMessage.class))
                        .withNumberOfPartitions(1))
                .process(
                        () -> new ScaleProcessor(
                                stateStore,
                                scales,
                                alerts,
                                drops,
                                new Saturation(config.saturationThreshold()),
                                new PublishPolicy(config.publishInterval(), config.publishTolerance()),
                                config.windowSpan(),
                                metrics),
                        Named.as(p + "scales-processor"),
                        stateStore)
                .split(Named.as(p + "out-"))
                .branch((k, v) -> v instanceof ScaleOutput.Alert, Branched.as("alerts"))
                .defaultBranch(Branched.as("scales"));
        published
                .get(p + "out-scales")
                .mapValues(v -> ScaleRecords.toJson(((ScaleOutput.Scale) v).record()), Named.as(p + "scales-json"))
                .to(scalesTopic, Produced.with(Serdes.String(), Serdes.String()).withName(p + "scales-out"));
        published
                .get(p + "out-alerts")
                .mapValues(v -> ((ScaleOutput.Alert) v).record().toJson(), Named.as(p + "alerts-json"))
                .to(
                        config.alertsTopic(),
                        Produced.with(Serdes.String(), Serdes.String()).withName(p + "alerts-out"));

        return refusedAtIngest.merge(refusedAtWindow, Named.as(p + "all-dead-letters"));
    }

    /** The source's name: "features-in" for the model view (as before the input view), "samples-in" for the input. */
    private static String inputName(View view) {
        return view == View.MODEL ? "features-in" : "samples-in";
    }
}
