package org.semanticscale.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.trainer.loss.CrossEntropyLoss;
import org.semanticscale.trainer.loss.LdamLoss;
import org.semanticscale.trainer.loss.NormSoftmaxLoss;
import org.semanticscale.trainer.loss.SoftTripleLoss;
import org.semanticscale.trainer.model.HeadType;
import org.semanticscale.trainer.model.ModelType;
import org.semanticscale.trainer.model.NetworkSpec;
import org.semanticscale.trainer.sample.InputShape;
import org.semanticscale.trainer.sample.Sample;

class OnlineLearnerTest {
    private static final int CLASSES = 3;

    @TempDir
    Path dir;

    @BeforeAll
    static void offline() {
        DjlEnvironment.prepare();
    }

    /** Three Gaussian blobs in 8 dimensions, class c centred at 2 on axis c. */
    static List<Sample> blobs(int n, long seed) {
        Random random = new Random(seed);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = i % CLASSES;
            float[] x = new float[8];
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) (random.nextGaussian() * 0.5 + (k == c ? 2 : 0));
            }
            out.add(new Sample("s-" + seed + "-" + i, Integer.toString(c), c, x));
        }
        return out;
    }

    private static NetworkSpec mlp(HeadType head) {
        return new NetworkSpec(ModelType.MLP, new InputShape(8), List.of(32, 16), List.of(), head, CLASSES, 2);
    }

    @Test
    void stepsReturnPredictionsForEverySampleAndFeaturesPooledToTheirDimension() {
        try (OnlineLearner learner =
                new OnlineLearner(mlp(HeadType.LINEAR), new CrossEntropyLoss(), 0.01, 4, 16, Device.cpu(), 1)) {
            List<Sample> batch = blobs(10, 1);
            StepResult r = learner.train(batch, null, true);
            assertEquals(10, r.predicted().length);
            assertEquals(10 * 4, r.features().length, "16 embedding units pooled to 4 features per sample");
            assertTrue(Float.isFinite(r.loss()) && r.loss() > 0);
            assertNull(learner.train(batch, new float[] {1, 2, 3}, false).features(), "features only when asked for");
        }
    }

    @Test
    void learnsSeparableBlobsOnline() {
        try (OnlineLearner learner =
                new OnlineLearner(mlp(HeadType.LINEAR), new CrossEntropyLoss(), 0.01, 16, 30, Device.cpu(), 1)) {
            for (int step = 0; step < 40; step++) {
                learner.train(blobs(30, step), null, false);
            }
            List<Sample> test = blobs(300, 999);
            float[] rows = new float[300 * 8];
            for (int i = 0; i < test.size(); i++) {
                System.arraycopy(test.get(i).data(), 0, rows, i * 8, 8);
            }
            int[] predicted = learner.predict(rows, test.size());
            int correct = 0;
            for (int i = 0; i < predicted.length; i++) {
                correct += predicted[i] == test.get(i).classIndex() ? 1 : 0;
            }
            assertTrue(
                    correct >= 285,
                    "blobs 4 standard deviations apart: expected >= 95% right, got " + correct + " of 300");
        }
    }

    @Test
    void featuresOfRowsAreThoseATrainingStepWouldPublishAndSpanBatches() {
        // Capacity 16, 40 rows: three forward passes. Training's features come from the forward
        // pass before its update, so they must equal the features computed just before it.
        try (OnlineLearner learner =
                new OnlineLearner(mlp(HeadType.LINEAR), new CrossEntropyLoss(), 0.01, 4, 16, Device.cpu(), 2)) {
            for (int step = 0; step < 5; step++) {
                learner.train(blobs(16, step), null, false);
            }
            List<Sample> rows = blobs(40, 77);
            float[] flat = new float[40 * 8];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(rows.get(i).data(), 0, flat, i * 8, 8);
            }
            float[] features = learner.features(flat, 40);
            assertEquals(40 * 4, features.length);
            float[] published = learner.train(rows.subList(24, 40), null, true).features();
            float[] expected = java.util.Arrays.copyOfRange(features, 24 * 4, 40 * 4);
            assertArrayEquals(expected, published, 1e-5f, "rows 24..39: the third pass of features()");
        }
    }

    @Test
    void aBatchThatYieldsNoGradientAtAllDoesNotStopTraining() {
        // All-zero inputs and zero biases: every ReLU is inactive, the last layer sees a zero
        // embedding, and the softmax gradient of its bias sums to 0: the whole gradient sums to 0.
        try (OnlineLearner learner =
                new OnlineLearner(mlp(HeadType.LINEAR), new CrossEntropyLoss(), 0.01, 16, 30, Device.cpu(), 1)) {
            List<Sample> zeros = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                zeros.add(new Sample("z" + i, Integer.toString(i % CLASSES), i % CLASSES, new float[8]));
            }
            assertEquals(
                    (float) Math.log(CLASSES),
                    learner.train(zeros, null, false).loss(),
                    1e-6f,
                    "uniform prediction: log 3");
            assertTrue(Float.isFinite(learner.train(blobs(30, 1), null, false).loss()), "and training goes on");
        }
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        try (OnlineLearner a =
                        new OnlineLearner(mlp(HeadType.LINEAR), new CrossEntropyLoss(), 0.01, 16, 30, Device.cpu(), 7);
                OnlineLearner b = new OnlineLearner(
                        mlp(HeadType.LINEAR), new CrossEntropyLoss(), 0.01, 16, 30, Device.cpu(), 7)) {
            assertArrayEquals(a.parameterValues().get(0), b.parameterValues().get(0));
        }
    }

    @Test
    void aRestoredLearnerContinuesExactlyAsTheOriginalWouldHave() throws Exception {
        // Train 5 steps, checkpoint, train 3 more. A new learner (another seed: other initial values)
        // restored from the checkpoint and trained on the same 3 batches must end with the same
        // parameters, which needs Adam's moments and step count restored too.
        try (OnlineLearner original =
                        new OnlineLearner(mlp(HeadType.LINEAR), new CrossEntropyLoss(), 0.01, 16, 30, Device.cpu(), 3);
                OnlineLearner restored = new OnlineLearner(
                        mlp(HeadType.LINEAR), new CrossEntropyLoss(), 0.01, 16, 30, Device.cpu(), 4)) {
            for (int step = 0; step < 5; step++) {
                original.train(blobs(30, step), null, false);
            }
            original.save(dir);
            assertNotEquals(
                    original.parameterValues().get(0)[0],
                    restored.parameterValues().get(0)[0]);
            restored.load(dir);
            for (int step = 5; step < 8; step++) {
                original.train(blobs(30, step), null, false);
                restored.train(blobs(30, step), null, false);
            }
            List<float[]> expected = original.parameterValues();
            List<float[]> actual = restored.parameterValues();
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), actual.get(i), 1e-6f, "parameter " + i);
            }
        }
    }

    @Test
    void everyHeadAndTheCnnTrain() {
        record Case(NetworkSpec spec, org.semanticscale.trainer.loss.ClassificationLoss loss, int inputs) {}
        NetworkSpec cnn = new NetworkSpec(
                ModelType.CNN, new InputShape(8, 8), List.of(16), List.of(4, 8), HeadType.LINEAR, CLASSES, 1);
        List<Case> cases = List.of(
                new Case(mlp(HeadType.COSINE), new NormSoftmaxLoss(0.05), 8),
                new Case(mlp(HeadType.COSINE), new LdamLoss(0.5, 30, () -> new long[] {10, 5, 1}), 8),
                new Case(mlp(HeadType.SOFTTRIPLE), new SoftTripleLoss(20, 0.1, 0.2, 0.01, 2), 8),
                new Case(cnn, new CrossEntropyLoss(), 64));
        for (Case c : cases) {
            try (OnlineLearner learner = new OnlineLearner(c.spec(), c.loss(), 0.01, 8, 8, Device.cpu(), 1)) {
                List<Sample> batch = new ArrayList<>();
                Random random = new Random(5);
                for (int i = 0; i < 8; i++) {
                    float[] x = new float[c.inputs()];
                    for (int k = 0; k < x.length; k++) {
                        x[k] = random.nextFloat();
                    }
                    batch.add(new Sample("s" + i, Integer.toString(i % CLASSES), i % CLASSES, x));
                }
                float first = learner.train(batch, new float[] {1, 1, 2}, true).loss();
                float later = first;
                for (int step = 0; step < 30; step++) {
                    later = learner.train(batch, new float[] {1, 1, 2}, true).loss();
                }
                assertTrue(
                        Float.isFinite(later) && later < first,
                        c.spec().describe() + " " + c.loss().getName() + ": loss should fall on a repeated batch, "
                                + first + " -> " + later);
            }
        }
    }
}
