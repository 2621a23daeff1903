package org.semanticscale.trainer.evaluation;

/**
 * Prequential ("test, then train") accuracy: every sample is scored by the model before the model
 * learns from it, and the outcomes of the last {@code window} samples of each class (and of the last
 * {@code window} samples overall) are kept in rings. An accuracy with no outcomes yet is NaN.
 *
 * <p>Updated by the training thread, read by metrics and status: methods are synchronized
 * (uncontended, once per step).
 */
public final class PrequentialAccuracy {
    private final Ring[] perClass;
    private final Ring overall;

    public PrequentialAccuracy(int classes, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("the prequential window holds at least one sample");
        }
        perClass = new Ring[classes];
        for (int i = 0; i < classes; i++) {
            perClass[i] = new Ring(window);
        }
        overall = new Ring(window);
    }

    /** Adds the outcome of one sample: its true class and the class predicted before training on it. */
    public synchronized void record(int trueClass, int predictedClass) {
        boolean hit = trueClass == predictedClass;
        perClass[trueClass].add(hit);
        overall.add(hit);
    }

    /** Accuracy over the class's last {@code window} samples; NaN before any. */
    public synchronized double accuracy(int classIndex) {
        return perClass[classIndex].accuracy();
    }

    /** Accuracy over the last {@code window} samples of any class; NaN before any. */
    public synchronized double overall() {
        return overall.accuracy();
    }

    /** Mean of the per-class accuracies over the classes seen: what a long tail does not hide. NaN before any. */
    public synchronized double balanced() {
        double sum = 0;
        int seen = 0;
        for (Ring r : perClass) {
            if (r.size > 0) {
                sum += r.accuracy();
                seen++;
            }
        }
        return seen == 0 ? Double.NaN : sum / seen;
    }

    public synchronized double[] perClass() {
        double[] out = new double[perClass.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = perClass[i].accuracy();
        }
        return out;
    }

    /** A fixed-size ring of outcomes with a running count of hits: add evicts the oldest. */
    private static final class Ring {
        private final boolean[] outcomes;
        private int next;
        private int size;
        private int hits;

        Ring(int capacity) {
            outcomes = new boolean[capacity];
        }

        void add(boolean hit) {
            if (size == outcomes.length) {
                if (outcomes[next]) {
                    hits--;
                }
            } else {
                size++;
            }
            outcomes[next] = hit;
            if (hit) {
                hits++;
            }
            next = (next + 1) % outcomes.length;
        }

        double accuracy() {
            return size == 0 ? Double.NaN : (double) hits / size;
        }
    }
}
