package org.semanticscale.trainer.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/** Builds the network a {@link NetworkSpec} describes. */
public final class Networks {
    private Networks() {}

    public static ClassifierNetwork build(NetworkSpec spec) {
        return new ClassifierNetwork(backbone(spec), head(spec));
    }

    /**
     * mlp: flatten, then Linear + ReLU per hidden width.
     * cnn: [3x3 conv + ReLU + 2x2 max pool] x 2, flatten, then Linear + ReLU per hidden width.
     * The last ReLU's output is the embedding: the penultimate activations.
     */
    static Block backbone(NetworkSpec spec) {
        SequentialBlock net = new SequentialBlock();
        if (spec.type() == ModelType.CNN) {
            for (int channels : spec.convChannels()) {
                net.add(Conv2d.builder()
                                .setKernelShape(new Shape(3, 3))
                                .optPadding(new Shape(1, 1))
                                .setFilters(channels)
                                .build())
                        .add(Activation.reluBlock())
                        .add(Pool.maxPool2dBlock(new Shape(2, 2)));
            }
        }
        net.add(Blocks.batchFlattenBlock());
        for (int width : spec.hidden()) {
            net.add(Linear.builder().setUnits(width).build()).add(Activation.reluBlock());
        }
        return net;
    }

    static Block head(NetworkSpec spec) {
        return switch (spec.head()) {
            case LINEAR -> Linear.builder().setUnits(spec.classes()).build();
            case COSINE -> new CosineHead(spec.classes());
            case SOFTTRIPLE -> new SoftTripleHead(spec.classes(), spec.centresPerClass());
        };
    }
}
