package org.semanticscale.trainer.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.semanticscale.trainer.loss.ClassificationLoss;
import org.semanticscale.trainer.model.FeaturePooling;
import org.semanticscale.trainer.model.NetworkSpec;
import org.semanticscale.trainer.model.Networks;
import org.semanticscale.trainer.sample.Sample;

/**
 * The model and one training step, with no Kafka in sight: forward, score, loss, backward, update,
 * and the pooled features of the same forward pass. One thread uses it at a time.
 *
 * <p>It drives DJL's parameter store and optimizer itself, as DJL's {@code Trainer} does inside,
 * rather than through a {@code Trainer}: that one's first {@code step()} throws when the gradients
 * happen to sum to exactly zero, which the last layer of a softmax loss always does
 * ({@code sum_j (p_j - y_j) = 0}) whenever no gradient reaches the layers below, for example when
 * every ReLU of a small network is inactive for the first batch. A stream must not die on that.
 */
public final class OnlineLearner implements AutoCloseable {
    static final String PARAMETERS_FILE = "parameters.bin";
    static final String OPTIMIZER_FILE = "optimizer.bin";
    private static final int PARAMETERS_FORMAT = 0x53535031; // "SSP1"

    private final NetworkSpec spec;
    private final Model model;
    private final Block network;
    private final ParameterStore parameters;
    private final ClassificationLoss loss;
    private final ResumableAdam optimizer;
    private final FeaturePooling pooling;
    private final BatchBuffers buffers;

    /**
     * Builds and initialises the network; the same seed gives the same initial parameters (He
     * initialisation of weights, zero biases: DJL's defaults).
     *
     * @param batchCapacity the largest batch {@link #train} and {@link #predict} take at once
     */
    public OnlineLearner(
            NetworkSpec spec,
            ClassificationLoss loss,
            double learningRate,
            int featureDim,
            int batchCapacity,
            Device device,
            long seed) {
        this.spec = spec;
        this.loss = loss;
        this.pooling = new FeaturePooling(spec.embeddingWidth(), featureDim);
        this.buffers = new BatchBuffers(batchCapacity, spec.inputShape().elements());
        this.optimizer = new ResumableAdam((float) learningRate);
        this.model = Model.newInstance("ssi-trainer", device);
        this.network = Networks.build(spec);
        model.setBlock(network);
        Engine.getInstance().setRandomSeed((int) seed);
        network.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(spec.batchShape(1)));
        this.parameters = new ParameterStore(model.getNDManager(), false);
        parameters.setParameterServer(new LocalParameterServer(optimizer), new Device[] {device});
        // Registers every parameter with the optimizer, as Trainer.initialize does.
        network.getParameters().values().forEach(p -> parameters.getValue(p, device, true));
    }

    public NetworkSpec spec() {
        return spec;
    }

    public int featureDim() {
        return pooling.featureDim();
    }

    /**
     * One step on a batch: scores it, takes the loss (each sample weighted by its class's weight
     * when {@code classWeights} is given), back-propagates and updates.
     *
     * @param classWeights weight of each class, or null for the plain loss
     * @param withFeatures whether to copy out the pooled features
     */
    public StepResult train(List<Sample> batch, float[] classWeights, boolean withFeatures) {
        long start = System.nanoTime();
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray inputs = buffers.inputs(scope, batch, new Shape(spec.batchShape(batch.size())));
            NDArray classes = buffers.classes(scope, batch);
            NDList labels = classWeights == null
                    ? new NDList(classes)
                    : new NDList(classes, buffers.weights(scope, batch, classWeights));
            NDList outputs;
            NDArray batchLoss;
            try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
                outputs = network.forward(parameters, new NDList(inputs), true);
                batchLoss = loss.evaluate(labels, headOutputs(outputs));
                collector.backward(batchLoss);
            }
            parameters.updateAllParameters();
            // Both come from the forward pass above, before the update: the batch is scored before it is learnt.
            int[] predicted = predictions(outputs);
            float[] features = withFeatures ? pooling.pool(outputs.get(0)).toFloatArray() : null;
            return new StepResult(batchLoss.getFloat(), predicted, features, System.nanoTime() - start);
        }
    }

    /** Predicted class indices of {@code count} rows of a flat row-major array, without training. */
    public int[] predict(float[] rows, int count) {
        int[] out = new int[count];
        for (int from = 0; from < count; from += buffers.capacity()) {
            int n = Math.min(buffers.capacity(), count - from);
            try (NDManager scope = model.getNDManager().newSubManager()) {
                NDArray inputs = buffers.inputs(scope, rows, from, n, new Shape(spec.batchShape(n)));
                System.arraycopy(predictions(network.forward(parameters, new NDList(inputs), false)), 0, out, from, n);
            }
        }
        return out;
    }

    /**
     * The pooled features ({@link #featureDim()} per row: the embedding average-pooled, as training
     * publishes them) of {@code count} rows of a flat row-major array, without training; row after row.
     */
    public float[] features(float[] rows, int count) {
        int d = pooling.featureDim();
        float[] out = new float[Math.multiplyExact(count, d)];
        for (int from = 0; from < count; from += buffers.capacity()) {
            int n = Math.min(buffers.capacity(), count - from);
            try (NDManager scope = model.getNDManager().newSubManager()) {
                NDArray inputs = buffers.inputs(scope, rows, from, n, new Shape(spec.batchShape(n)));
                NDArray embedding =
                        network.forward(parameters, new NDList(inputs), false).get(0);
                System.arraycopy(pooling.pool(embedding).toFloatArray(), 0, out, from * d, n * d);
            }
        }
        return out;
    }

    private int[] predictions(NDList outputs) {
        return loss.classScores(headOutputs(outputs))
                .argMax(1)
                .toType(DataType.INT32, false)
                .toIntArray();
    }

    private static NDList headOutputs(NDList outputs) {
        return outputs.subNDList(1);
    }

    /** Writes the parameters and the optimizer state into a directory. */
    public void save(Path dir) throws IOException {
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(PARAMETERS_FILE))))) {
            out.writeInt(PARAMETERS_FORMAT);
            List<Pair<String, Parameter>> parameters =
                    network.getParameters().stream().toList();
            out.writeInt(parameters.size());
            for (Pair<String, Parameter> p : parameters) {
                out.writeUTF(p.getKey());
                byte[] bytes = p.getValue().getArray().encode();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(OPTIMIZER_FILE))))) {
            optimizer.save(out, parameterIds());
        }
    }

    /**
     * Restores what {@link #save} wrote, copying values into the live parameters (the trainer's
     * parameter store holds those very arrays, so they must not be replaced).
     */
    public void load(Path dir) throws IOException {
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(PARAMETERS_FILE))))) {
            if (in.readInt() != PARAMETERS_FORMAT) {
                throw new IOException(dir.resolve(PARAMETERS_FILE) + " is not a parameters file");
            }
            List<Pair<String, Parameter>> parameters =
                    network.getParameters().stream().toList();
            int count = in.readInt();
            if (count != parameters.size()) {
                throw new IOException(
                        "the checkpoint holds " + count + " parameters, the model has " + parameters.size());
            }
            try (NDManager scope = model.getNDManager().newSubManager()) {
                for (Pair<String, Parameter> p : parameters) {
                    String name = in.readUTF();
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    NDArray saved = scope.decode(bytes);
                    NDArray live = p.getValue().getArray();
                    if (!name.equals(p.getKey()) || !saved.getShape().equals(live.getShape())) {
                        throw new IOException("checkpoint parameter " + name + " " + saved.getShape()
                                + " does not match the model's " + p.getKey() + " " + live.getShape());
                    }
                    saved.copyTo(live);
                }
            }
        }
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(OPTIMIZER_FILE))))) {
            optimizer.load(in, parameterIds(), model.getNDManager());
        }
    }

    private List<String> parameterIds() {
        List<String> ids = new ArrayList<>();
        network.getParameters().forEach(p -> ids.add(p.getValue().getId()));
        return ids;
    }

    /** A copy of every parameter's values in block order, for tests that compare two models. */
    public List<float[]> parameterValues() {
        List<float[]> values = new ArrayList<>();
        network.getParameters().forEach(p -> values.add(p.getValue().getArray().toFloatArray()));
        return values;
    }

    @Override
    public void close() {
        model.close();
    }
}
