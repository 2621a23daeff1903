package org.semanticscale.trainer.train;

/**
 * When each stage ends, in samples trained: FILL for the first {@code fillSamples} (one window-span
 * of features), REFRESH for the next {@code refreshSamples} (the paper refreshes for epochs 2..5),
 * then BALANCE for good. Stages never go back, even if the bounds are raised between runs.
 */
public final class StageSchedule {
    private final long fillSamples;
    private final long refreshSamples;

    public StageSchedule(long fillSamples, long refreshSamples) {
        if (fillSamples < 0 || refreshSamples < 0) {
            throw new IllegalArgumentException("stage bounds must be >= 0");
        }
        this.fillSamples = fillSamples;
        this.refreshSamples = refreshSamples;
    }

    /** The stage after {@code samplesTrained} samples, never earlier than {@code current}. */
    public Stage stageAt(long samplesTrained, Stage current) {
        Stage byCount = samplesTrained < fillSamples
                ? Stage.FILL
                : samplesTrained - fillSamples < refreshSamples ? Stage.REFRESH : Stage.BALANCE;
        return byCount.compareTo(current) > 0 ? byCount : current;
    }

    /** Samples at which BALANCE starts. */
    public long balanceFrom() {
        return fillSamples + refreshSamples;
    }
}
