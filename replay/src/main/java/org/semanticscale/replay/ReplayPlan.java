package org.semanticscale.replay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.semanticscale.dataset.LabelledVectors;

/**
 * The exact order in which a replay sends samples: which rows of the training set, in which epoch.
 * Deterministic for a seed: each class keeps the same selected rows in every epoch, and each epoch
 * is its own seeded shuffle of them; a drift profile then silences its class for a stretch.
 */
public final class ReplayPlan {
    private final int[] rows;
    private final int[] epochs;
    private final List<String> labels;
    private final long[] sentPerClass;

    private ReplayPlan(int[] rows, int[] epochs, List<String> labels, long[] sentPerClass) {
        this.rows = rows;
        this.epochs = epochs;
        this.labels = labels;
        this.sentPerClass = sentPerClass;
    }

    public static ReplayPlan create(LabelledVectors train, Profile profile, int epochCount, long seed) {
        if (epochCount < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, was " + epochCount);
        }
        List<String> labels = LabelledVectors.labelOrder(train.counts().keySet());
        Map<String, List<Integer>> byClass = new HashMap<>();
        for (int i = 0; i < train.size(); i++) {
            byClass.computeIfAbsent(train.label(i), l -> new ArrayList<>()).add(i);
        }
        long[] available = labels.stream().mapToLong(l -> byClass.get(l).size()).toArray();
        long[] counts = profile.counts(labels, available);

        Random random = new Random(seed);
        List<Integer> selected = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            List<Integer> rows = new ArrayList<>(byClass.get(labels.get(c)));
            Collections.shuffle(rows, random);
            selected.addAll(rows.subList(0, (int) counts[c]));
        }
        int total = selected.size() * epochCount;
        List<int[]> order = new ArrayList<>(total);
        for (int e = 0; e < epochCount; e++) {
            List<Integer> epoch = new ArrayList<>(selected);
            Collections.shuffle(epoch, new Random(seed * 31 + e));
            for (int row : epoch) {
                order.add(new int[] {row, e});
            }
        }
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            classIndex.put(labels.get(c), c);
        }
        List<int[]> kept = new ArrayList<>(total);
        long[] sent = new long[labels.size()];
        for (int i = 0; i < order.size(); i++) {
            int[] o = order.get(i);
            String label = train.label(o[0]);
            if (!profile.sends(label, i, order.size())) {
                continue;
            }
            kept.add(o);
            sent[classIndex.get(label)]++;
        }
        int[] rows = new int[kept.size()];
        int[] epochs = new int[kept.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = kept.get(i)[0];
            epochs[i] = kept.get(i)[1];
        }
        return new ReplayPlan(rows, epochs, labels, sent);
    }

    /** Samples the plan sends. */
    public int size() {
        return rows.length;
    }

    /** Training-set row of the i-th sample sent. */
    public int row(int i) {
        return rows[i];
    }

    /** Epoch (0-based) of the i-th sample sent. */
    public int epoch(int i) {
        return epochs[i];
    }

    /** Classes in label order. */
    public List<String> labels() {
        return labels;
    }

    /** Samples sent per class, in label order. */
    public long[] sentPerClass() {
        return sentPerClass.clone();
    }

    /** The sample id of the i-th sample: unique per row and epoch. */
    public String sampleId(int i) {
        return "train-" + rows[i] + "-e" + epochs[i];
    }
}
