package org.semanticscale.trainer.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.semanticscale.scaletopic.ScaleSnapshot;
import org.semanticscale.trainer.checkpoint.Checkpoint;
import org.semanticscale.trainer.checkpoint.IncompatibleCheckpointException;
import org.semanticscale.trainer.checkpoint.SampleSource;
import org.semanticscale.trainer.checkpoint.TrainedLedger;
import org.semanticscale.trainer.evaluation.HeldOutAccuracy;
import org.semanticscale.trainer.evaluation.HeldOutSet;
import org.semanticscale.trainer.evaluation.PrequentialAccuracy;
import org.semanticscale.trainer.loss.ClassificationLoss;
import org.semanticscale.trainer.loss.Losses;
import org.semanticscale.trainer.model.NetworkSpec;
import org.semanticscale.trainer.sample.Sample;
import org.semanticscale.trainer.weights.ClassCounts;
import org.semanticscale.trainer.weights.LossWeighting;
import org.semanticscale.trainer.weights.WeightPolicy;
import org.semanticscale.trainer.weights.WeightSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online training without Kafka: takes batches of accepted samples and, for each, chooses the
 * class weights for the current stage, trains one step, scores the batch prequentially, and keeps
 * count of steps, samples, classes and stage. Its state is what a checkpoint records besides the
 * model and the offsets.
 *
 * <p>One training thread calls {@link #train}; other threads may read the getters.
 */
public final class TrainingSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingSession.class);

    private final OnlineLearner learner;
    private final List<String> labels;
    private final StageSchedule schedule;
    private final WeightPolicy weightPolicy;
    private final ClassCounts counts;
    private final PrequentialAccuracy prequential;
    private final boolean withFeatures;

    private volatile long step;
    private volatile long samplesTrained;
    private volatile Stage stage;
    private volatile TrainedLedger ledger = TrainedLedger.EMPTY;
    private volatile float lastLoss = Float.NaN;
    private volatile double[] weightsInUse;
    /** {@link #weightsInUse} as the model takes them (training thread only). */
    private float[] modelWeights;

    private volatile long lastStepNanos;

    TrainingSession(
            OnlineLearner learner,
            List<String> labels,
            StageSchedule schedule,
            WeightPolicy weightPolicy,
            ClassCounts counts,
            PrequentialAccuracy prequential,
            boolean withFeatures) {
        this.learner = learner;
        this.labels = List.copyOf(labels);
        this.schedule = schedule;
        this.weightPolicy = weightPolicy;
        this.counts = counts;
        this.prequential = prequential;
        this.withFeatures = withFeatures;
        this.stage = schedule.stageAt(0, Stage.FILL);
    }

    /**
     * Builds the model, loss and policies the configuration describes, on the configured device.
     *
     * @param scales      the newest scales of the model's features ({@code dsb} reads it at every step)
     * @param inputScales the newest scales of the input view ({@code dsb-input} reads it at every step)
     */
    public static TrainingSession create(
            TrainerConfig config, Supplier<ScaleSnapshot> scales, Supplier<ScaleSnapshot> inputScales) {
        DjlEnvironment.prepare();
        Device device = config.device().resolve(Engine.getInstance());
        List<String> labels = config.classes().labels();
        ClassCounts counts = new ClassCounts(labels.size());
        ClassificationLoss loss =
                Losses.create(config.loss().type(), config.loss().parameters(), counts::snapshot);
        OnlineLearner learner = new OnlineLearner(
                networkSpec(config),
                loss,
                config.learningRate(),
                config.model().featureDim(),
                config.batchSize(),
                device,
                config.seed());
        LOG.info(
                "model {} on {}; loss {}, {}; features pooled to {}",
                learner.spec().describe(),
                device,
                config.loss().type().configName(),
                weightingPlan(config),
                config.model().featureDim());
        return new TrainingSession(
                learner,
                labels,
                new StageSchedule(config.stages().fillSamples(), config.stages().refreshSamples()),
                new WeightPolicy(
                        config.loss().weighting(), labels, config.loss().classBalancedBeta(), scales, inputScales),
                counts,
                new PrequentialAccuracy(labels.size(), config.evaluation().prequentialWindow()),
                config.model().publishFeatures());
    }

    private static String weightingPlan(TrainerConfig config) {
        if (config.loss().weighting() == LossWeighting.NONE) {
            return "unweighted";
        }
        long balanceFrom = config.stages().fillSamples() + config.stages().refreshSamples();
        return "weighted by " + config.loss().weighting().configName() + " from sample " + balanceFrom
                + " (stage BALANCE), plain before";
    }

    static NetworkSpec networkSpec(TrainerConfig config) {
        TrainerConfig.Model m = config.model();
        return new NetworkSpec(
                m.type(),
                m.inputShape(),
                m.hidden(),
                m.convChannels(),
                config.loss().type().head(),
                config.classes().size(),
                config.loss().parameters().softTripleCentres());
    }

    /**
     * Trains one step on a batch (1 to batch.size samples) and returns what happened. With DSB weights the
     * step's own work does not grow with the number of classes: the weights are converted for the model only
     * when the policy gives new ones.
     */
    public StepReport train(List<Sample> batch) {
        long start = System.nanoTime();
        for (Sample s : batch) {
            counts.add(s.classIndex());
        }
        Stage trainedIn = stage;
        double[] weights = weightPolicy.weightsFor(trainedIn == Stage.BALANCE, counts::snapshot);
        noteWeightChange(weights);
        long modelVersion = step;
        StepResult result = learner.train(batch, modelWeights, withFeatures);
        TrainedLedger next = ledger;
        for (int i = 0; i < batch.size(); i++) {
            Sample s = batch.get(i);
            prequential.record(s.classIndex(), result.predicted()[i]);
            next = next.add(s.id());
        }
        ledger = next;
        lastLoss = result.loss();
        long nanos = System.nanoTime() - start;
        lastStepNanos = nanos;
        samplesTrained += batch.size();
        step++;
        advanceStage();
        return new StepReport(
                step,
                modelVersion,
                batch,
                result.loss(),
                result.predicted(),
                result.features(),
                weights,
                trainedIn,
                nanos);
    }

    private void advanceStage() {
        Stage next = schedule.stageAt(samplesTrained, stage);
        if (next == stage) {
            return;
        }
        stage = next;
        switch (next) {
            case REFRESH ->
                LOG.info(
                        "stage REFRESH from sample {} (step {}): plain loss while the features in the windows "
                                + "catch up with the model, until sample {}",
                        samplesTrained,
                        step,
                        schedule.balanceFrom());
            case BALANCE ->
                LOG.info(
                        "stage BALANCE from sample {} (step {}): the loss is now weighted by {}",
                        samplesTrained,
                        step,
                        weightPolicy.weighting().configName());
            default -> {}
        }
    }

    /**
     * Logs when weighting starts or stops (DSB waits for the first scales), with the weights; converts new
     * weights for the model.
     */
    private void noteWeightChange(double[] weights) {
        double[] previous = weightsInUse;
        if (weights != previous) {
            modelWeights = toFloats(weights);
        }
        if ((previous == null) != (weights == null)) {
            if (weights != null) {
                LOG.info("step {}: class weights in use {}", step + 1, describeWeights(weights));
            } else if (stage == Stage.BALANCE) {
                LOG.info("step {}: no class weights (no scales on the scales topic yet): plain loss", step + 1);
            }
        }
        weightsInUse = weights;
    }

    private static float[] toFloats(double[] weights) {
        if (weights == null) {
            return null;
        }
        float[] out = new float[weights.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) weights[i];
        }
        return out;
    }

    /** What a checkpoint records of this session, with the reader's offsets. */
    public Checkpoint checkpoint(SampleSource source, Map<Integer, Long> nextOffsets) {
        return new Checkpoint(
                step,
                samplesTrained,
                stage.name(),
                ledger,
                source,
                Checkpoint.offsets(nextOffsets),
                counts.snapshot(),
                modelDescription());
    }

    /** Writes the model and optimizer files of a checkpoint. */
    public void saveModel(Path dir) throws IOException {
        learner.save(dir);
    }

    /**
     * Restores a checkpoint's model files and state. Refuses one written for another network or
     * other class labels: resuming it would be silently wrong.
     */
    public void restore(Checkpoint checkpoint, Path dir) throws IOException {
        String model = modelDescription();
        if (!checkpoint.model().equals(model)) {
            throw new IncompatibleCheckpointException("the checkpoint in " + dir + " is of another network or classes ("
                    + checkpoint.model() + ") than the configured ones (" + model
                    + "): use another checkpoint.dir or the same model and classes settings");
        }
        learner.load(dir);
        counts.set(checkpoint.classCounts());
        step = checkpoint.step();
        samplesTrained = checkpoint.samplesTrained();
        ledger = checkpoint.ledger();
        stage = schedule.stageAt(samplesTrained, Stage.valueOf(checkpoint.stage()));
    }

    /** The network and what its outputs mean: a checkpoint resumes only into the same. */
    private String modelDescription() {
        return learner.spec().describe() + " labels " + String.join(",", labels);
    }

    /** Scores the model on a held-out set. */
    public HeldOutAccuracy evaluate(HeldOutSet set) {
        return HeldOutAccuracy.evaluate(learner::predict, set, counts.snapshot(), step);
    }

    /** Pooled features of rows of inputs with the current model, without training (see {@link OnlineLearner#features}). */
    public float[] features(float[] rows, int count) {
        return learner.features(rows, count);
    }

    /** Class labels and weights in one line, for logs. */
    public String describeWeights(double[] weights) {
        return WeightSummary.of(labels, weights);
    }

    public long step() {
        return step;
    }

    public long samplesTrained() {
        return samplesTrained;
    }

    public Stage stage() {
        return stage;
    }

    public TrainedLedger ledger() {
        return ledger;
    }

    /** The loss of the latest step; NaN before any. */
    public float lastLoss() {
        return lastLoss;
    }

    /** Wall time of the latest step, ns; 0 before any. */
    public long lastStepNanos() {
        return lastStepNanos;
    }

    /** The class weights of the latest step, or null for the plain loss. */
    public double[] weightsInUse() {
        double[] w = weightsInUse;
        return w == null ? null : w.clone();
    }

    public long[] classCounts() {
        return counts.snapshot();
    }

    public PrequentialAccuracy prequential() {
        return prequential;
    }

    public List<String> labels() {
        return labels;
    }

    public OnlineLearner learner() {
        return learner;
    }

    @Override
    public void close() {
        learner.close();
    }
}
