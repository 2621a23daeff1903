package org.semanticscale.trainer.train;

import java.util.List;
import org.semanticscale.trainer.sample.Sample;

/**
 * One training step, as listeners see it.
 *
 * @param step         the step's number (1 for the first step a model ever takes)
 * @param modelVersion updates the model had when it scored the batch and computed its features (step - 1)
 * @param batch        the samples trained
 * @param loss         the batch's mean loss as trained
 * @param predicted    each sample's predicted class index, before the update
 * @param features     pooled features, row after row, or null when not computed
 * @param weights      the class weights applied, or null for the plain loss; steps with the same weights share
 *                     one array: read it, do not modify it
 * @param stage        the stage the step was trained in
 * @param nanos        wall time of the step: weights, forward, loss, backward, update, feature copy and
 *                     prequential scoring
 */
public record StepReport(
        long step,
        long modelVersion,
        List<Sample> batch,
        float loss,
        int[] predicted,
        float[] features,
        double[] weights,
        Stage stage,
        long nanos) {}
