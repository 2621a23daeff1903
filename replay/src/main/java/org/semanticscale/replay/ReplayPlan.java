package org.semanticscale.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.semanticscale.dataset.LabelledVectors;

/**
 * The exact order in which a replay sends samples: which rows of the training set, in which epoch.
 * Deterministic for a seed: each class keeps the same selected rows in every epoch, and each epoch
 * is its own seeded shuffle of them; each narrow layer then replaces the rows of its classes in its
 * stretch with seeded draws from a few rows (same label, position and epoch), and a drift profile
 * silences its class for a stretch. Positions in a stretch are counted before anything is silenced.
 */
public final class ReplayPlan {
    private final int[] rows;
    private final int[] epochs;
    private final int[] repeats;
    private final List<String> labels;
    private final long[] sentPerClass;
    private final List<Narrowing> narrowings;

    private ReplayPlan(int[] rows, int[] epochs, List<String> labels, long[] sentPerClass, List<Narrowing> narrowings) {
        this.rows = rows;
        this.epochs = epochs;
        this.repeats = repeats(rows, epochs);
        this.labels = labels;
        this.sentPerClass = sentPerClass;
        this.narrowings = List.copyOf(narrowings);
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
        List<Narrowing> narrowings = narrow(order, train, byClass, profile.narrowings(), seed);
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
        return new ReplayPlan(rows, epochs, labels, sent, narrowings);
    }

    /**
     * Applies the narrow layers in turn (a later one draws over an earlier one where both cover a
     * sample): for each listed class, the seed picks an anchor among all the class's training rows and
     * every sample of the class in the stretch becomes a draw, with replacement, from the K nearest.
     * Each class of each layer has its own seeded source, so the order classes are listed in does not matter.
     */
    private static List<Narrowing> narrow(
            List<int[]> order,
            LabelledVectors train,
            Map<String, List<Integer>> byClass,
            List<Profile.Narrow> layers,
            long seed) {
        List<Narrowing> out = new ArrayList<>();
        for (int layer = 0; layer < layers.size(); layer++) {
            Profile.Narrow narrow = layers.get(layer);
            Map<String, Narrowing> pools = new HashMap<>();
            Map<String, Random> draws = new HashMap<>();
            for (String label : narrow.labels()) {
                Random random = new Random(31 * (31 * seed + layer) + label.hashCode());
                Narrowing n = Narrowing.around(
                        label, byClass.get(label), train, narrow.k(), narrow.from(), narrow.to(), random);
                pools.put(label, n);
                draws.put(label, random);
                out.add(n);
            }
            for (int i = 0; i < order.size(); i++) {
                int[] o = order.get(i);
                String label = train.label(o[0]);
                if (narrow.narrows(label, i, order.size())) {
                    o[0] = pools.get(label).draw(draws.get(label));
                }
            }
        }
        return out;
    }

    /** For each position, how often its row was sent before in the same epoch (epochs run one after another). */
    private static int[] repeats(int[] rows, int[] epochs) {
        int[] out = new int[rows.length];
        int[] seen = new int[Arrays.stream(rows).max().orElse(-1) + 1];
        for (int i = 0; i < rows.length; i++) {
            if (i > 0 && epochs[i] != epochs[i - 1]) {
                Arrays.fill(seen, 0);
            }
            out[i] = seen[rows[i]]++;
        }
        return out;
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

    /** The classes narrowed by a narrow profile, with their anchors and pools, layer after layer (empty otherwise). */
    public List<Narrowing> narrowings() {
        return narrowings;
    }

    /**
     * The sample id of the i-th sample, unique in the plan: {@code train-ROW-eEPOCH}, with
     * {@code -rN} added for the N-th repeat of a row within an epoch (only a narrow profile repeats rows).
     */
    public String sampleId(int i) {
        String id = "train-" + rows[i] + "-e" + epochs[i];
        return repeats[i] == 0 ? id : id + "-r" + repeats[i];
    }
}
