package org.semanticscale.trainer.train;

/**
 * The three stages of dynamic re-weighting (docs/semantic-scale.md, 'Dynamic re-weighting'), driven by
 * samples trained. The streams-app's per-class windows are the paper's storage pool Q.
 */
public enum Stage {
    /** The windows fill with features of a model that still changes fast: plain loss. */
    FILL,
    /** Features of the current model replace the old ones until they stop drifting: plain loss. */
    REFRESH,
    /** Scales from the windows are trusted: the loss is re-weighted at every step. */
    BALANCE
}
