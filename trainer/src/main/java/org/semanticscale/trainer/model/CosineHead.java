package org.semanticscale.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Bias-free cosine classifier: {@code cos_j = x/|x| . w_j/|w_j|}, shape (N, C). The head of
 * NormSoftmax and LDAM.
 */
public final class CosineHead extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int classes;
    private final Parameter weight;

    public CosineHead(int classes) {
        super(VERSION);
        this.classes = classes;
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = parameterStore.getValue(weight, x.getDevice(), training);
        return new NDList(
                UnitVectors.normalizeRows(x).matMul(UnitVectors.normalizeRows(w).transpose()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(classes, inputShapes[0].get(1)));
    }
}
