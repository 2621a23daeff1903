package org.semanticscale.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * K learned centres per class. Outputs {@code [s (N, C*K), G (C, K, K)]}: the cosine similarity of
 * each sample to each centre ({@code s_{c,k} = x/|x| . w_c^k/|w_c^k|}, centres of class c at
 * columns c*K .. c*K+K-1) and, per class, the Gram matrix of its unit centres, which the SoftTriple
 * loss's regulariser needs.
 */
public final class SoftTripleHead extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int classes;
    private final int centres;
    private final Parameter weight;

    public SoftTripleHead(int classes, int centresPerClass) {
        super(VERSION);
        this.classes = classes;
        this.centres = centresPerClass;
        this.weight = addParameter(Parameter.builder()
                .setName("centres")
                .setType(Parameter.Type.WEIGHT)
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray unitCentres = UnitVectors.normalizeRows(parameterStore.getValue(weight, x.getDevice(), training));
        NDArray similarities = UnitVectors.normalizeRows(x).matMul(unitCentres.transpose());
        NDArray perClass = unitCentres.reshape(classes, centres, -1);
        NDArray gram = perClass.matMul(perClass.transpose(0, 2, 1));
        return new NDList(similarities, gram);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {
            new Shape(inputShapes[0].get(0), (long) classes * centres), new Shape(classes, centres, centres)
        };
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape((long) classes * centres, inputShapes[0].get(1)));
    }
}
