package org.semanticscale.cli.experiment;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.semanticscale.replay.ReplayPlan;

/**
 * The experiment's options turned into the settings of the parts, sized from the stream: the
 * stages in samples (FILL for the first {@code fillEpochs} epochs, REFRESH up to epoch
 * {@code fillEpochs + refreshEpochs}, the paper's n = 5, then BALANCE), and the streams-app's windows
 * holding one epoch of features (the paper's storage pool Q): a span of one epoch at the replay rate
 * and a cap of the largest class's samples per epoch. Every method of a seed gets the same.
 *
 * @param seed            the seed of this run: its stream's and its models'
 * @param epochSize       samples the plan sends per epoch
 * @param totalSamples    samples the plan sends in all
 * @param fillSamples     stage FILL ends after this many samples trained
 * @param refreshSamples  stage REFRESH lasts this many samples
 * @param windowSpan      the streams-app's {@code window.span}
 * @param windowCap       the streams-app's {@code window.max-per-class}
 */
public record PipelineSettings(
        ExperimentSettings experiment,
        long seed,
        int epochSize,
        long totalSamples,
        long fillSamples,
        long refreshSamples,
        Duration windowSpan,
        int windowCap) {
    /** Shorter windows than this hold too few samples of a tail class to give it a scale. */
    static final Duration MIN_WINDOW_SPAN = Duration.ofSeconds(1);

    /** Sizes stages and windows from the plan of one seed. */
    public static PipelineSettings derive(ExperimentSettings s, ReplayPlan plan, long seed) {
        int epochSize = plan.size() / s.epochs();
        long fill = Math.round(s.fillEpochs() * epochSize);
        long refresh = Math.round(s.refreshEpochs() * epochSize);
        Duration span = s.windowSpan();
        if (span == null) {
            long millis = (long) Math.ceil(epochSize * 1000.0 / s.rate());
            span = Duration.ofMillis(Math.max(MIN_WINDOW_SPAN.toMillis(), millis));
        }
        int cap = s.windowCap();
        if (cap == 0) {
            long largest = Arrays.stream(plan.sentPerClass()).max().orElse(2) / s.epochs();
            cap = (int) Math.max(2, largest);
        }
        return new PipelineSettings(s, seed, epochSize, plan.size(), fill, refresh, span, cap);
    }

    /** Samples trained when stage BALANCE starts. */
    public long balanceFrom() {
        return fillSamples + refreshSamples;
    }

    /** True when the run reaches BALANCE at all (a shorter one never weights a loss). */
    public boolean balances() {
        return balanceFrom() < totalSamples;
    }

    /** The streams-app's settings for one method, with the user's overrides on top; the {@code Pipeline} adds Kafka, topics and directory. */
    public Map<String, String> streamsSettings(Method method) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("application.id", "ssi-experiment-" + method.name());
        s.put("window.span", windowSpan.toMillis() + "ms");
        s.put("window.max-per-class", Integer.toString(windowCap));
        s.put("scale.alpha", Double.toString(experiment.alpha()));
        s.put("metrics.port", "0");
        s.putAll(experiment.streamsOverrides());
        return s;
    }

    /** The trainer's settings for one method, with the user's overrides on top; the {@code Pipeline} adds Kafka, topics and directory. */
    public Map<String, String> trainerSettings(Method method, List<String> labels, int[] sampleShape) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("trainer.group-id", "ssi-experiment-" + method.name());
        s.put("connection.timeout", "30s");
        s.put("model.type", experiment.model());
        s.put(
                "model.input-shape",
                Arrays.stream(sampleShape).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        s.put("classes", String.join(",", labels));
        s.putAll(method.trainerSettings());
        s.put("stage.fill-samples", Long.toString(fillSamples));
        s.put("stage.refresh-samples", Long.toString(refreshSamples));
        s.put("seed", Long.toString(seed));
        // The experiment evaluates the final model itself; no checkpoints, no endpoint.
        s.put("checkpoint.every-steps", Integer.toString(Integer.MAX_VALUE));
        s.put("checkpoint.on-stop", "false");
        s.put("metrics.enabled", "false");
        s.put("evaluation.every-steps", "0");
        s.putAll(experiment.trainerOverrides());
        return s;
    }
}
