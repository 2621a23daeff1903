package org.semanticscale.trainer.model;

import java.util.List;
import org.semanticscale.trainer.sample.InputShape;

/**
 * What to build.
 *
 * @param type            mlp or cnn
 * @param inputShape      one sample's shape (the cnn reads it as H,W or C,H,W)
 * @param hidden          widths of the fully connected layers; the last is the embedding width
 * @param convChannels    output channels of the cnn's two convolutions (ignored by the mlp)
 * @param head            what the last layer computes, as the loss needs
 * @param classes         number of classes
 * @param centresPerClass K of the SoftTriple head (ignored by other heads)
 */
public record NetworkSpec(
        ModelType type,
        InputShape inputShape,
        List<Integer> hidden,
        List<Integer> convChannels,
        HeadType head,
        int classes,
        int centresPerClass) {
    public NetworkSpec {
        hidden = List.copyOf(hidden);
        convChannels = List.copyOf(convChannels);
        if (hidden.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one hidden layer: its last is the embedding");
        }
        if (type == ModelType.CNN && convChannels.size() != 2) {
            throw new IllegalArgumentException("the cnn has two convolutions; give two channel counts");
        }
    }

    public int embeddingWidth() {
        return hidden.get(hidden.size() - 1);
    }

    /** The shape of a batch of one, channels first for the cnn. */
    public long[] batchShape(int batchSize) {
        if (type == ModelType.MLP) {
            return new long[] {batchSize, inputShape.elements()};
        }
        int[] chw = inputShape.channelsHeightWidth();
        return new long[] {batchSize, chw[0], chw[1], chw[2]};
    }

    /** A one-line description for logs and checkpoint compatibility checks. */
    public String describe() {
        return type.configName() + " input " + inputShape + " conv " + (type == ModelType.CNN ? convChannels : "-")
                + " hidden " + hidden + " head " + head + (head == HeadType.SOFTTRIPLE ? " K " + centresPerClass : "")
                + " classes " + classes;
    }
}
