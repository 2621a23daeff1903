package org.semanticscale.trainer.model;

/**
 * What the last layer computes from the embedding. The loss decides it: margin and metric losses
 * need normalised similarities, not free logits.
 */
public enum HeadType {
    /** Logits {@code z = W x + b}. */
    LINEAR,
    /** Cosine similarities {@code cos(x, w_j)}: bias-free, input and class weights L2-normalised. */
    COSINE,
    /** Cosine similarities to K centres per class, plus the centres' Gram matrix for the regulariser. */
    SOFTTRIPLE
}
