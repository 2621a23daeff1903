package org.semanticscale.trainer.loss;

import org.semanticscale.trainer.model.HeadType;

/** The per-sample losses the trainer offers (configuration key {@code loss.type}) and the head each needs. */
public enum LossType {
    CE("ce", HeadType.LINEAR),
    FOCAL("focal", HeadType.LINEAR),
    /** LDAM works on cosine logits (as in Cao et al.'s code), which its scale s = 30 assumes. */
    LDAM("ldam", HeadType.COSINE),
    BALANCED_SOFTMAX("balanced-softmax", HeadType.LINEAR),
    NORM_SOFTMAX("norm-softmax", HeadType.COSINE),
    SOFTTRIPLE("softtriple", HeadType.SOFTTRIPLE);

    private final String configName;
    private final HeadType head;

    LossType(String configName, HeadType head) {
        this.configName = configName;
        this.head = head;
    }

    public String configName() {
        return configName;
    }

    /** The head the model needs for this loss. */
    public HeadType head() {
        return head;
    }
}
