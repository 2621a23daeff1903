package org.semanticscale.cli.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.semanticscale.cli.experiment.statistics.PairedDifference;
import org.semanticscale.cli.experiment.statistics.Spread;
import org.semanticscale.record.ScaleRecord;

/**
 * Writes {@code results.json}: the settings, the classes, and per method every figure of the report
 * (per-class accuracy and scales, head / middle / tail, overall, balanced and worst-class accuracy,
 * correlations, cost, the streamed weights and windows of both views, progress per epoch, the focus classes'
 * figures). Each method's entry holds each seed's figures ({@code perSeed}, where each seed also lists its
 * alerts and where its collapse started), the mean over its seeds of every figure under the same name
 * ({@link JsonMean}), the mean, sd and per-seed values of the headline figures
 * ({@code spread}, at the same paths), and their paired differences against the baseline with 95 %
 * t-intervals ({@code vsBaseline}). Then the marginal-effect curves (first seed) and the targets.
 * Accuracies are fractions; a figure that is not known, and an interval that one seed cannot give, is null.
 */
final class ResultsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The fields of a seed's entry that are not figures to average: the seed, its alerts and its collapse start. */
    private static final List<String> PER_SEED_ONLY = List.of("seed", "alerts", "collapseStart");

    private ResultsJson() {}

    static void write(ExperimentResults r, Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), toJson(r));
    }

    static ObjectNode toJson(ExperimentResults r) {
        ObjectNode root = MAPPER.createObjectNode();
        ExperimentSettings s = r.pipeline().experiment();
        root.put("command", s.command());
        root.put("started", r.started().toString());
        number(root, "wallSeconds", r.wallSeconds());
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        root.set("settings", settings(r.pipeline()));
        root.put("baseline", s.baseline().name());
        ArrayNode seeds = root.putArray("seeds");
        for (SeedResults seed : r.seeds()) {
            ObjectNode o = seeds.addObject();
            o.put("seed", seed.seed());
            number(o, "wallSeconds", seed.wallSeconds());
        }

        ArrayNode classes = root.putArray("classes");
        for (int i = 0; i < r.labels().size(); i++) {
            ObjectNode c = classes.addObject();
            c.put("label", r.labels().get(i));
            c.put("name", r.names().get(i));
            int at = i;
            c.set(
                    "n",
                    JsonMean.of(r.seeds().stream()
                            .map(seed -> MAPPER.getNodeFactory().numberNode(seed.counts()[at]))
                            .toList()));
            c.put("testSamples", r.testCounts()[i]);
        }
        ArrayNode methods = root.putArray("methods");
        MethodSeeds baseline = r.baseline().orElse(null);
        for (MethodSeeds m : r.methods()) {
            methods.add(method(r, m, baseline));
        }
        ArrayNode failures = root.putArray("failures");
        for (SeedResults seed : r.seeds()) {
            seed.failures().forEach((method, why) -> {
                ObjectNode f = failures.addObject();
                f.put("seed", seed.seed());
                f.put("method", method);
                f.put("error", why);
            });
        }
        ObjectNode marginal = root.putObject("marginalEffect");
        if (r.marginalMethod() != null) {
            marginal.put(
                    "source",
                    "S' of the first m samples of the class (all its training samples, seeded random order), "
                            + "from the pooled features of the final " + r.marginalMethod() + " model of seed "
                            + r.seeds().get(0).seed());
            marginal.put("seed", r.seeds().get(0).seed());
        }
        marginal.put("method", r.marginalMethod());
        ArrayNode curves = marginal.putArray("classes");
        for (MarginalEffect.Curve c : r.marginal()) {
            ObjectNode o = curves.addObject();
            o.put("label", c.label());
            o.put("name", c.name());
            ArrayNode m = o.putArray("m");
            ArrayNode v = o.putArray("volume");
            for (int i = 0; i < c.m().length; i++) {
                m.add(c.m()[i]);
                v.add(c.volume()[i]);
            }
        }
        ArrayNode targets = root.putArray("targets");
        for (Targets.Target t : Targets.of(r)) {
            ObjectNode o = targets.addObject();
            o.put("description", t.description());
            number(o, "value", t.value());
            o.set("ci95", interval(t.interval()));
            o.put("threshold", t.threshold());
            o.put("unit", t.unit());
            o.put("met", t.met());
        }
        return root;
    }

    private static ObjectNode settings(PipelineSettings p) {
        ExperimentSettings s = p.experiment();
        ObjectNode o = MAPPER.createObjectNode();
        o.put("dataset", s.dataset());
        o.put("profile", s.profile());
        ArrayNode methods = o.putArray("methods");
        s.methods().forEach(m -> methods.add(m.name()));
        ArrayNode seeds = o.putArray("seeds");
        s.seeds().forEach(seeds::add);
        ArrayNode focus = o.putArray("focus");
        s.focus().forEach(focus::add);
        o.put("epochs", s.epochs());
        o.put("model", s.model());
        o.put("rate", s.rate());
        o.put("samplesPerEpoch", p.epochSize());
        o.put("samplesStreamed", p.totalSamples());
        o.put("fillEpochs", s.fillEpochs());
        o.put("refreshEpochs", s.refreshEpochs());
        o.put("fillSamples", p.fillSamples());
        o.put("refreshSamples", p.refreshSamples());
        o.put("balanceFromSample", p.balanceFrom());
        o.put("windowSpanSeconds", p.windowSpan().toMillis() / 1000.0);
        o.put("windowCap", p.windowCap());
        o.put("alpha", s.alpha());
        o.put("testFraction", s.testFraction());
        o.set("trainerOverrides", MAPPER.valueToTree(s.trainerOverrides()));
        o.set("streamsOverrides", MAPPER.valueToTree(s.streamsOverrides()));
        return o;
    }

    /**
     * A method's entry: name, loss and weighting; the seeds it completed; the mean of every per-seed figure
     * under its own name; {@code focus} among them with --focus; {@code spread}; {@code vsBaseline} (null for the
     * baseline itself, and when the two share no seed); {@code perSeed}.
     */
    private static ObjectNode method(ExperimentResults r, MethodSeeds m, MethodSeeds baseline) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", m.method().name());
        o.put("loss", m.method().loss().configName());
        o.put("weighting", m.method().weighting().configName());
        ArrayNode seeds = o.putArray("seeds");
        m.seeds().forEach(seeds::add);
        List<ObjectNode> perSeed = new ArrayList<>();
        for (int i = 0; i < m.seeds().size(); i++) {
            long seed = m.seeds().get(i);
            SeedResults inSeed =
                    r.seeds().stream().filter(x -> x.seed() == seed).findFirst().orElseThrow();
            MethodResult ce = inSeed.methods().stream()
                    .filter(x -> x.method().isPlainCrossEntropy())
                    .findFirst()
                    .orElse(null);
            perSeed.add(seed(seed, m.results().get(i), ce, r.focus()));
        }
        List<ObjectNode> figures = perSeed.stream()
                .map(x -> (ObjectNode) x.deepCopy().without(PER_SEED_ONLY))
                .toList();
        o.setAll((ObjectNode) JsonMean.of(figures));
        ObjectNode spread = o.putObject("spread");
        for (Figure f : headlineFigures(r)) {
            Spread x = m.spread(f);
            spread(at(spread, f.path()), x);
        }
        ArrayNode perClass = spread.putArray("perClass");
        for (int c = 0; c < r.labels().size(); c++) {
            ObjectNode x = perClass.addObject();
            x.put("label", r.labels().get(c));
            spread(x.putObject("accuracy"), m.spread(Figure.classAccuracy(c)));
        }
        if (baseline == null || m.equals(baseline) || m.sharedSeeds(baseline).isEmpty()) {
            o.putNull("vsBaseline");
        } else {
            ObjectNode vs = o.putObject("vsBaseline");
            vs.put("baseline", baseline.method().name());
            ArrayNode shared = vs.putArray("seeds");
            m.sharedSeeds(baseline).forEach(shared::add);
            for (Figure f : pairedFigures(r)) {
                PairedDifference d = m.against(baseline, f).orElseThrow();
                ObjectNode at = at(vs, f.path());
                spread(at, d.differences());
                at.set("ci95", interval(d.interval()));
            }
        }
        ArrayNode seedArray = o.putArray("perSeed");
        seedArray.addAll(perSeed);
        return o;
    }

    /** The figures whose spread a method's entry gives: accuracies, correlations, the focus classes'. */
    static List<Figure> headlineFigures(ExperimentResults r) {
        List<Figure> out = new ArrayList<>(Figure.ACCURACY);
        out.addAll(Figure.CORRELATIONS);
        out.addAll(r.focus().isEmpty() ? List.of() : r.focus().figures());
        return out;
    }

    /** The figures paired with the baseline: the accuracies and the focus classes' accuracy. */
    static List<Figure> pairedFigures(ExperimentResults r) {
        List<Figure> out = new ArrayList<>(Figure.ACCURACY);
        if (!r.focus().isEmpty()) {
            out.add(r.focus().accuracyFigure());
        }
        return out;
    }

    /** One seed's figures of a method, cost against plain CE of the same seed when it ran. */
    private static ObjectNode seed(long seed, MethodResult m, MethodResult baseline, FocusClasses focus) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("seed", seed);
        number(o, "overall", m.overall());
        number(o, "balanced", m.balanced());
        number(o, "head", m.head());
        number(o, "middle", m.middle());
        number(o, "tail", m.tail());
        ObjectNode worst = o.putObject("worstClass");
        worst.put("label", m.worst().label());
        worst.put("name", m.worst().name());
        number(worst, "accuracy", m.worst().accuracy());
        ArrayNode perClass = o.putArray("perClass");
        for (ClassResult c : m.classes()) {
            ObjectNode x = perClass.addObject();
            x.put("label", c.label());
            x.put("name", c.name());
            x.put("n", c.n());
            number(x, "accuracy", c.accuracy());
            number(x, "volume", c.volume());
            number(x, "volumeNormalized", c.volumeNormalized());
            number(x, "distanceWeight", c.distanceWeight());
            number(x, "scale", c.scale());
            number(x, "weight", c.weight());
        }
        ObjectNode correlations = o.putObject("correlations");
        correlations.set("pearson", correlations(m.pearson()));
        correlations.set("spearman", correlations(m.spearman()));

        MethodOutcome out = m.outcome();
        ObjectNode cost = o.putObject("cost");
        cost.put("samplesTrained", out.samplesTrained());
        number(cost, "wallSeconds", out.wallSeconds());
        number(cost, "startSeconds", out.startSeconds());
        number(cost, "trainSeconds", out.trainSeconds());
        number(cost, "stepSeconds", out.stepSeconds());
        number(cost, "cpuSeconds", out.cpuSeconds());
        if (baseline != null) {
            MethodOutcome b = baseline.outcome();
            number(cost, "wallVsCe", out.wallSeconds() / b.wallSeconds());
            number(cost, "trainVsCe", out.trainSeconds() / b.trainSeconds());
            number(cost, "stepVsCe", out.stepSeconds() / b.stepSeconds());
            number(cost, "cpuVsCe", out.cpuSeconds() / b.cpuSeconds());
        }
        ObjectNode streamed = o.putObject("streamed");
        streamed.set("finalWeights", doubles(out.finalWeights()));
        streamed.set("scales", streamedScales(m.classes(), out.streamedScales()));
        if (out.streamedInputScales().isEmpty()) {
            o.putNull("streamedInput"); // the streams-app published no input view
        } else {
            o.putObject("streamedInput").set("scales", streamedScales(m.classes(), out.streamedInputScales()));
        }
        // Label, state, cause, view, time of each alert; position and time of the collapse start (null without one).
        o.set("alerts", MAPPER.valueToTree(out.alerts()));
        o.set("collapseStart", MAPPER.valueToTree(out.collapseStart()));
        ArrayNode epochs = o.putArray("epochs");
        for (EpochProgress p : out.epochs()) {
            ObjectNode e = epochs.addObject();
            e.put("epoch", p.epoch());
            e.put("samplesTrained", p.samplesTrained());
            number(e, "seconds", p.seconds());
            e.put("stage", p.stage());
            number(e, "prequentialOverall", p.prequentialOverall());
            number(e, "prequentialBalanced", p.prequentialBalanced());
            e.put("weighted", p.weighted());
            e.set("weights", doubles(p.weights()));
            e.set("windowCounts", MAPPER.valueToTree(p.windowCounts()));
        }
        if (!focus.isEmpty()) {
            for (Figure f : focus.figures()) {
                List<String> path = f.path();
                number(at(o, path.subList(0, path.size() - 1)), path.get(path.size() - 1), f.of(m));
            }
        }
        return o;
    }

    /** Each class's newest streamed record of one view; a class without one has {@code n} null and nothing else. */
    private static ArrayNode streamedScales(List<ClassResult> classes, Map<String, ScaleRecord> records) {
        ArrayNode scales = MAPPER.createArrayNode();
        for (ClassResult c : classes) {
            ScaleRecord s = records.get(c.label());
            ObjectNode x = scales.addObject();
            x.put("label", c.label());
            if (s == null) {
                x.putNull("n");
                continue;
            }
            x.put("n", s.n());
            number(x, "volume", s.volume());
            number(x, "scale", s.scale());
            number(x, "weight", s.weight());
            x.put("modelVersion", s.modelVersion());
        }
        return scales;
    }

    /** A figure's values over the seeds, their mean and sd. */
    private static void spread(ObjectNode o, Spread s) {
        o.set("perSeed", numbers(s.values()));
        number(o, "mean", s.mean());
        number(o, "sd", s.sd());
    }

    /** The object at {@code path} below {@code o}, made where missing. */
    private static ObjectNode at(ObjectNode o, List<String> path) {
        ObjectNode at = o;
        for (String field : path) {
            at = at.has(field) ? (ObjectNode) at.get(field) : at.putObject(field);
        }
        return at;
    }

    private static JsonNode interval(PairedDifference.Interval i) {
        if (i == null) {
            return NullNode.getInstance();
        }
        ObjectNode o = MAPPER.createObjectNode();
        number(o, "low", i.low());
        number(o, "high", i.high());
        number(o, "halfWidth", i.halfWidth());
        return o;
    }

    private static ArrayNode numbers(double[] values) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
        return a;
    }

    private static ObjectNode correlations(MethodResult.Correlations c) {
        ObjectNode o = MAPPER.createObjectNode();
        number(o, "n", c.withN());
        number(o, "volume", c.withVolume());
        number(o, "scale", c.withScale());
        return o;
    }

    private static ObjectNode doubles(Map<String, Double> values) {
        ObjectNode o = MAPPER.createObjectNode();
        values.forEach((k, v) -> number(o, k, v));
        return o;
    }

    /** A finite number, else null. */
    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}
