package org.semanticscale.trainer.train;

/**
 * What one training step saw, all taken before its update (prequential).
 *
 * @param loss      the batch's mean loss as trained (weighted when weights were given)
 * @param predicted each sample's predicted class index
 * @param features  each sample's pooled features, row after row (N x featureDim), or null when not asked for
 * @param nanos     wall time of the step
 */
public record StepResult(float loss, int[] predicted, float[] features, long nanos) {}
