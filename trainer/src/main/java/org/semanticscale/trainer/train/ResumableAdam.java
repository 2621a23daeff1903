package org.semanticscale.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba 2015) whose state can be checkpointed. DJL's own {@code Adam} keeps its
 * moment estimates and update count private, so a resumed run would restart them from zero; this
 * one runs the same fused update ({@code adamUpdate}) on state it can save and restore:
 *
 * <pre>
 *   m = beta1 m + (1 - beta1) g          v = beta2 v + (1 - beta2) g^2
 *   w = w - lr * sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + eps)
 * </pre>
 *
 * State is saved per parameter in the order the caller gives (the block's parameter order), since
 * DJL's parameter ids are new in every process.
 */
public final class ResumableAdam extends Optimizer {
    private static final int FORMAT = 0x53534144; // "SSAD"

    private final float learningRate;
    private final float beta1 = 0.9f;
    private final float beta2 = 0.999f;
    private final float epsilon = 1e-8f;
    private final Map<String, NDArray> means = new HashMap<>();
    private final Map<String, NDArray> variances = new HashMap<>();
    /** Steps taken: the t of the bias correction. */
    private final Map<String, Integer> updates = new HashMap<>();

    public ResumableAdam(float learningRate) {
        super(new Builder());
        this.learningRate = learningRate;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = updates.merge(parameterId, 1, Integer::sum);
        double biasCorrection = Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        NDArray mean = means.computeIfAbsent(parameterId, k -> weight.zerosLike());
        NDArray variance = variances.computeIfAbsent(parameterId, k -> weight.zerosLike());
        weight.getNDArrayInternal()
                .adamUpdate(
                        new NDList(weight, grad, mean, variance),
                        new NDList(weight),
                        learningRate,
                        (float) (learningRate * biasCorrection),
                        getWeightDecay(),
                        rescaleGrad,
                        clipGrad,
                        beta1,
                        beta2,
                        epsilon,
                        true,
                        false);
    }

    /** Writes t, m and v of each parameter, in the given order. */
    public void save(DataOutputStream out, List<String> parameterIds) throws IOException {
        out.writeInt(FORMAT);
        out.writeInt(parameterIds.size());
        for (String id : parameterIds) {
            NDArray mean = means.get(id);
            out.writeInt(mean == null ? 0 : updates.get(id));
            if (mean != null) {
                writeArray(out, mean);
                writeArray(out, variances.get(id));
            }
        }
    }

    /**
     * Restores what {@link #save} wrote, for parameters given in the same order.
     *
     * @param manager where the state arrays live (the model's manager, on the training device)
     */
    public void load(DataInputStream in, List<String> parameterIds, NDManager manager) throws IOException {
        if (in.readInt() != FORMAT) {
            throw new IOException("not an optimizer state file");
        }
        int count = in.readInt();
        if (count != parameterIds.size()) {
            throw new IOException("optimizer state for " + count + " parameters, the model has " + parameterIds.size());
        }
        for (String id : parameterIds) {
            int t = in.readInt();
            if (t == 0) {
                continue;
            }
            updates.put(id, t);
            means.put(id, readArray(in, manager));
            variances.put(id, readArray(in, manager));
        }
    }

    private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
        byte[] bytes = array.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static NDArray readArray(DataInputStream in, NDManager manager) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return manager.decode(bytes);
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
