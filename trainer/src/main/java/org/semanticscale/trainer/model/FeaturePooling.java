package org.semanticscale.trainer.model;

import ai.djl.ndarray.NDArray;

/**
 * Average-pools an embedding of width E to D features in D equal groups of E/D neighbours, as the paper pools
 * features to 64 dimensions before it stores them (docs/semantic-scale.md, 'Features: pooled to 64
 * dimensions'). E must be a multiple of D; E = D is the identity.
 */
public final class FeaturePooling {
    private final int embeddingWidth;
    private final int featureDim;

    public FeaturePooling(int embeddingWidth, int featureDim) {
        if (featureDim < 1 || embeddingWidth % featureDim != 0) {
            throw new IllegalArgumentException("an embedding of width " + embeddingWidth + " cannot be pooled to "
                    + featureDim + " features in equal groups");
        }
        this.embeddingWidth = embeddingWidth;
        this.featureDim = featureDim;
    }

    public int featureDim() {
        return featureDim;
    }

    /** (N, E) to (N, D): feature d is the mean of embedding columns d*E/D .. (d+1)*E/D - 1. */
    public NDArray pool(NDArray embedding) {
        if (embeddingWidth == featureDim) {
            return embedding;
        }
        long n = embedding.getShape().get(0);
        return embedding.reshape(n, featureDim, embeddingWidth / featureDim).mean(new int[] {2});
    }
}
