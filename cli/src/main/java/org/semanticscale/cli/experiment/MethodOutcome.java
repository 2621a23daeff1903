package org.semanticscale.cli.experiment;

import java.util.List;
import java.util.Map;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.trainer.evaluation.HeldOutAccuracy;

/**
 * What one method's run through the pipeline produced, before the maths: the final model's test
 * accuracy and features, the streamed scales of both views and the alerts, and what it cost.
 *
 * @param accuracy          the final model on the test set (classes ranked by samples trained)
 * @param streamedFeatures  the final model's pooled features of the streamed training samples, row after row
 * @param marginalFeatures  ... of the marginal-effect samples, or null when not asked for
 * @param featureDim        features per sample
 * @param streamedScales    the newest record per class on the scales topic at the end, by label
 * @param streamedInputScales the same on the input scales topic (empty when the streams-app published none there)
 * @param alerts            every record of the alerts topic, in arrival order
 * @param collapseStart     when the replay sent the first sample of a focus class's narrowed stretch, or null (no
 *                          narrow layer with @FROM on a focus class, or the replay did not get there)
 * @param epochs            progress at the end of each epoch
 * @param finalWeights      class weights of the last step (1 each with the plain loss), by label
 * @param samplesTrained    samples the trainer trained
 * @param wallSeconds       from starting the broker to everything stopped
 * @param startSeconds      starting the broker, the streams-app and the trainer (the first method also warms the JVM up)
 * @param trainSeconds      from starting the replay to the last sample trained
 * @param stepSeconds       time the trainer spent in training steps
 * @param cpuSeconds        CPU time of this process (broker, streams-app, trainer, replay) during the method
 */
record MethodOutcome(
        Method method,
        HeldOutAccuracy accuracy,
        float[] streamedFeatures,
        float[] marginalFeatures,
        int featureDim,
        Map<String, ScaleRecord> streamedScales,
        Map<String, ScaleRecord> streamedInputScales,
        List<StreamedAlert> alerts,
        CollapseStart collapseStart,
        List<EpochProgress> epochs,
        Map<String, Double> finalWeights,
        long samplesTrained,
        double wallSeconds,
        double startSeconds,
        double trainSeconds,
        double stepSeconds,
        double cpuSeconds) {

    /**
     * Where a collapse began: the position in the plan and when the replay sent it.
     *
     * @param position the first position of the narrowed stretch, FROM x the plan's size (rounded up)
     * @param time     wall-clock epoch ms at which the replay handed that sample to the producer
     */
    record CollapseStart(int position, long time) {}
}
