package org.semanticscale.trainer.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.semanticscale.trainer.checkpoint.TrainedLedger;
import org.semanticscale.trainer.evaluation.HeldOutAccuracy;
import org.semanticscale.trainer.evaluation.PrequentialAccuracy;
import org.semanticscale.trainer.kafka.DeadLetterCounts;
import org.semanticscale.trainer.kafka.FeaturePublisher;
import org.semanticscale.trainer.weights.WeightSummary;

/**
 * A snapshot of the trainer for people and dashboards: what {@code TrainerApp.status()} returns and
 * the metrics read. Maps are keyed by class label in the configured order; a figure not known yet is NaN.
 *
 * @param state               STARTING, RUNNING, STOPPED or FAILED
 * @param failure             why it failed, or null
 * @param stage               FILL, REFRESH or BALANCE
 * @param step                training steps taken by the model (across restarts)
 * @param samplesTrained      samples trained by the model (across restarts)
 * @param loss                the latest step's mean loss
 * @param prequentialAccuracy per class, over its last {@code evaluation.prequential-window} samples
 * @param prequentialOverall  over the last window of samples of any class
 * @param prequentialBalanced mean of the per-class figures
 * @param weighted            whether the latest step's loss was re-weighted
 * @param classWeights        the weights the latest step applied (1 each with the plain loss)
 * @param classCounts         samples trained per class
 * @param scaleClasses        configured classes with a scale in the newest snapshot of the scales topic the
 *                            weights come from ({@code topics.input-scales} under dsb-input, else {@code topics.scales})
 * @param deadLetters         records refused, by reason
 * @param featuresPublished   feature vectors handed to the producer in this run
 * @param featuresFailed      feature vectors not published in this run
 * @param checkpoints         checkpoints written in this run
 * @param lastCheckpointStep  step of the newest checkpoint written or resumed from (-1: none)
 * @param resumeOffsets       the newest checkpoint's offsets: where a restart would resume
 * @param stepsThisRun        steps taken in this run
 * @param stepSecondsThisRun  time spent in those steps
 * @param lastStepMillis      wall time of the latest step
 * @param samplesPerSecond    recent throughput, waiting for data included
 * @param ledger              count and digest of the samples the model was trained on
 * @param lastEvaluation      the latest held-out evaluation, or null
 */
public record TrainerStatus(
        TrainingLoop.State state,
        String failure,
        Stage stage,
        long step,
        long samplesTrained,
        double loss,
        Map<String, Double> prequentialAccuracy,
        double prequentialOverall,
        double prequentialBalanced,
        boolean weighted,
        Map<String, Double> classWeights,
        Map<String, Long> classCounts,
        int scaleClasses,
        Map<String, Long> deadLetters,
        long featuresPublished,
        long featuresFailed,
        long checkpoints,
        long lastCheckpointStep,
        Map<Integer, Long> resumeOffsets,
        long stepsThisRun,
        double stepSecondsThisRun,
        double lastStepMillis,
        double samplesPerSecond,
        TrainedLedger ledger,
        HeldOutAccuracy lastEvaluation) {

    /**
     * The status of a running trainer.
     *
     * @param scaleClasses configured classes with a scale in the newest snapshot the weights come from
     * @param features     null when features are not published
     */
    public static TrainerStatus of(
            TrainingSession session,
            TrainingLoop loop,
            DeadLetterCounts deadLetters,
            FeaturePublisher features,
            int scaleClasses) {
        List<String> labels = session.labels();
        PrequentialAccuracy prequential = session.prequential();
        double[] weights = session.weightsInUse();
        Throwable failure = loop.failure();
        long lastStepNanos = session.lastStepNanos();
        return new TrainerStatus(
                loop.state(),
                failure == null ? null : failure.toString(),
                session.stage(),
                session.step(),
                session.samplesTrained(),
                session.lastLoss(),
                byLabel(labels, prequential.perClass()),
                prequential.overall(),
                prequential.balanced(),
                weights != null,
                byLabel(labels, weights),
                countsByLabel(labels, session.classCounts()),
                scaleClasses,
                deadLetters.snapshot(),
                features == null ? 0 : features.sent(),
                features == null ? 0 : features.failed(),
                loop.checkpointsWritten(),
                loop.lastCheckpointStep(),
                loop.lastCheckpointOffsets(),
                loop.stepsThisRun(),
                loop.stepNanosThisRun() / 1e9,
                lastStepNanos == 0 ? Double.NaN : lastStepNanos / 1e6,
                loop.samplesPerSecond(),
                session.ledger(),
                loop.lastEvaluation());
    }

    /** Per-class values keyed by label, in class order; 1 for each class when {@code values} is null. */
    static Map<String, Double> byLabel(List<String> labels, double[] values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            out.put(labels.get(i), values == null ? 1.0 : values[i]);
        }
        return out;
    }

    static Map<String, Long> countsByLabel(List<String> labels, long[] values) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            out.put(labels.get(i), values[i]);
        }
        return out;
    }

    /** Total records refused. */
    public long deadLetterTotal() {
        return deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line for a console. */
    public String summary() {
        return String.format(
                "%s, stage %s, step %d, %d samples, loss %s, prequential accuracy %s (balanced %s), %s, "
                        + "%d dead letters, %d checkpoints",
                state,
                stage,
                step,
                samplesTrained,
                format(loss, 1, "%.4f"),
                format(prequentialOverall, 100, "%.1f%%"),
                format(prequentialBalanced, 100, "%.1f%%"),
                weighted ? "class weights " + formatted(classWeights) : "plain loss",
                deadLetterTotal(),
                checkpoints);
    }

    private static String format(double v, double scale, String pattern) {
        return Double.isNaN(v) ? "-" : String.format(pattern, v * scale);
    }

    private static String formatted(Map<String, Double> weights) {
        return WeightSummary.of(
                List.copyOf(weights.keySet()),
                weights.values().stream().mapToDouble(Double::doubleValue).toArray());
    }
}
