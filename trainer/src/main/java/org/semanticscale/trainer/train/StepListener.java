package org.semanticscale.trainer.train;

/**
 * Told about every step once it is trained, on the training thread (keep it quick). For embedding
 * code such as a live demo, and for tests that account for every sample.
 */
@FunctionalInterface
public interface StepListener {
    StepListener NONE = report -> {};

    void onStep(StepReport report);
}
