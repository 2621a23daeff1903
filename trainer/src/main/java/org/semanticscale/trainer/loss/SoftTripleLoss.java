package org.semanticscale.trainer.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/**
 * SoftTriple (Qian et al. 2019) on the similarities of L2-normalised embeddings to K L2-normalised
 * centres per class, {@code s_{c,k} = x/|x| . w_c^k/|w_c^k|}:
 *
 * <pre>
 *   S_c = sum_k softmax_k(s_{c,k} / gamma) * s_{c,k}                      (relaxed similarity to class c)
 *   l   = -log( exp(lambda (S_y - delta)) / (exp(lambda (S_y - delta)) + sum_{j != y} exp(lambda S_j)) )
 *   R   = sum_c sum_{k < k'} sqrt(2 + eps - 2 w_c^k . w_c^k') / (C K (K - 1))   (0 when K = 1)
 *   L   = (1/N) sum_n w_n l_n + tau * R
 * </pre>
 *
 * R pulls the centres of a class together so redundant ones merge; it is not re-weighted. Defaults
 * (docs/semantic-scale.md, 'DSB losses'): lambda 20, gamma 0.1, tau 0.2, delta 0.01, K 10. With DSB weights
 * it is DSB-ST.
 *
 * <p>Predictions: {@code [s (N, C*K), within-class centre Gram matrices (C, K, K)]}, as the
 * SoftTriple head gives them. The class scores are {@code S}.
 */
public final class SoftTripleLoss extends ClassificationLoss {
    /** Keeps the square root differentiable for identical centres, as in the authors' code. */
    private static final float EPSILON = 1e-5f;

    private final float lambda;
    private final float inverseGamma;
    private final float tau;
    private final float delta;
    private final int centres;

    public SoftTripleLoss(double lambda, double gamma, double tau, double delta, int centresPerClass) {
        super("softtriple");
        if (!(lambda > 0) || !(gamma > 0) || !(tau >= 0) || !(delta >= 0) || centresPerClass < 1) {
            throw new IllegalArgumentException(
                    "SoftTriple needs lambda > 0, gamma > 0, tau >= 0, delta >= 0 and K >= 1");
        }
        this.lambda = (float) lambda;
        this.inverseGamma = (float) (1 / gamma);
        this.tau = (float) tau;
        this.delta = (float) delta;
        this.centres = centresPerClass;
    }

    @Override
    protected NDArray perSampleLoss(NDArray classes, NDList predictions) {
        NDArray similarity = classScores(predictions);
        int numClasses = (int) similarity.getShape().get(1);
        // lambda (S_j - delta [j = y])
        NDArray logits = similarity.sub(classes.oneHot(numClasses).mul(delta)).mul(lambda);
        return crossEntropy(logits, classes);
    }

    @Override
    protected NDArray regulariser(NDList predictions) {
        if (tau == 0 || centres == 1) {
            return null;
        }
        NDArray gram = predictions.get(1);
        long numClasses = gram.getShape().get(0);
        NDArray index = gram.getManager().arange(centres);
        // mask[k, k'] = 1 when k < k': each pair of a class's centres once.
        NDArray upper = index.reshape(centres, 1).lt(index.reshape(1, centres)).toType(DataType.FLOAT32, false);
        NDArray distances = gram.mul(-2f).add(2f + EPSILON).sqrt().mul(upper);
        return distances.sum().mul(tau / (numClasses * centres * (centres - 1f)));
    }

    /** {@code S}, shape (N, C), from the centre similarities (N, C*K). */
    @Override
    public NDArray classScores(NDList predictions) {
        NDArray s = predictions.get(0);
        long n = s.getShape().get(0);
        NDArray perCentre = s.reshape(n, s.getShape().get(1) / centres, centres);
        return perCentre.mul(inverseGamma).softmax(2).mul(perCentre).sum(new int[] {2});
    }
}
