package org.semanticscale.cli.experiment;

import org.semanticscale.trainer.loss.LossType;
import org.semanticscale.trainer.weights.LossWeighting;

/**
 * One training recipe the experiment compares: a per-sample loss and how samples are weighted.
 *
 * @param name      the name on the command line, e.g. {@code dsb-ce}
 * @param loss      the trainer's {@code loss.type}
 * @param weighting the trainer's {@code loss.weighting}
 */
public record Method(String name, LossType loss, LossWeighting weighting) {

    /** True for the plain cross-entropy loss, the baseline every cost and gain is measured against. */
    public boolean isPlainCrossEntropy() {
        return loss == LossType.CE && weighting == LossWeighting.NONE;
    }

    /** The trainer settings that select this method. */
    public java.util.Map<String, String> trainerSettings() {
        return java.util.Map.of("loss.type", loss.configName(), "loss.weighting", weighting.configName());
    }
}
