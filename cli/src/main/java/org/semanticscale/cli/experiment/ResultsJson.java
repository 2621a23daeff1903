package org.semanticscale.cli.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.semanticscale.record.ScaleRecord;

/**
 * Writes {@code results.json}: the settings, the classes, and per method every figure of the
 * report (per-class accuracy and scales, head / middle / tail, overall, balanced and worst-class
 * accuracy, correlations, cost, the streamed weights and windows, progress per epoch), the
 * marginal-effect curves and the targets. Accuracies are fractions; a figure that is not known is null.
 */
final class ResultsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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

        ArrayNode classes = root.putArray("classes");
        for (int i = 0; i < r.labels().size(); i++) {
            ObjectNode c = classes.addObject();
            c.put("label", r.labels().get(i));
            c.put("name", r.names().get(i));
            c.put("n", r.counts()[i]);
            c.put("testSamples", r.testCounts()[i]);
        }
        ArrayNode methods = root.putArray("methods");
        MethodResult baseline = r.baseline().orElse(null);
        for (MethodResult m : r.methods()) {
            methods.add(method(m, baseline));
        }
        root.set("failures", MAPPER.valueToTree(r.failures()));
        ObjectNode marginal = root.putObject("marginalEffect");
        if (r.marginalMethod() != null) {
            marginal.put(
                    "source",
                    "S' of the first m samples of the class (all its training samples, seeded random order), "
                            + "from the pooled features of the final " + r.marginalMethod() + " model");
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
        o.put("seed", s.seed());
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

    private static ObjectNode method(MethodResult m, MethodResult baseline) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", m.method().name());
        o.put("loss", m.method().loss().configName());
        o.put("weighting", m.method().weighting().configName());
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
        ArrayNode scales = streamed.putArray("scales");
        for (ClassResult c : m.classes()) {
            ScaleRecord s = out.streamedScales().get(c.label());
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
        return o;
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
