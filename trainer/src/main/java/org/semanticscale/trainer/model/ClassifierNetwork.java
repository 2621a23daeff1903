package org.semanticscale.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A backbone and a head whose forward pass returns both the embedding and the head's outputs:
 * {@code [embedding (N, E), head outputs...]}. One pass gives the trainer the loss's inputs and the
 * features it publishes.
 */
public final class ClassifierNetwork extends AbstractBlock {
    private static final byte VERSION = 1;

    private final Block backbone;
    private final Block head;

    public ClassifierNetwork(Block backbone, Block head) {
        super(VERSION);
        this.backbone = addChildBlock("backbone", backbone);
        this.head = addChildBlock("head", head);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray embedding =
                backbone.forward(parameterStore, inputs, training, params).singletonOrThrow();
        NDList headOutputs = head.forward(parameterStore, new NDList(embedding), training, params);
        NDList out = new NDList(embedding);
        out.addAll(headOutputs);
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] embedding = backbone.getOutputShapes(inputShapes);
        Shape[] headShapes = head.getOutputShapes(embedding);
        Shape[] out = new Shape[1 + headShapes.length];
        out[0] = embedding[0];
        System.arraycopy(headShapes, 0, out, 1, headShapes.length);
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, backbone.getOutputShapes(inputShapes));
    }
}
