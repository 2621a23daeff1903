package org.semanticscale.cli.experiment;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.semanticscale.dataset.LabelledVectors;
import org.semanticscale.replay.LabelledDataset;
import org.semanticscale.replay.ReplayPlan;
import org.semanticscale.trainer.evaluation.HeldOutSet;

/**
 * What every method of a run trains and is measured on: the data set, the replay plan (the same
 * stream for every method), the distinct training samples that plan streams (for the scales of the
 * trained models), the balanced test set, and the samples of the marginal-effect curve.
 *
 * @param streamed  each training row the plan sends at least once, in row order
 * @param test      the held-out test set in the model's layout
 * @param marginal  every training sample of the marginal-effect classes, shuffled (null: no curve)
 */
record Workload(
        LabelledDataset data, ReplayPlan plan, LabelledVectors streamed, HeldOutSet test, LabelledVectors marginal) {

    /** The distinct rows the plan sends, in row order. */
    static LabelledVectors streamedRows(LabelledVectors train, ReplayPlan plan) {
        BitSet rows = new BitSet(train.size());
        for (int i = 0; i < plan.size(); i++) {
            rows.set(plan.row(i));
        }
        return train.subset(rows.stream().boxed().toList());
    }

    /**
     * N of each class as counting sees it: the samples of the class the plan sends per epoch. It differs from the
     * distinct rows streamed where a narrow profile draws a class's samples from only a few rows (its count is
     * unchanged, its diversity is not).
     */
    static Map<String, Long> countsPerEpoch(ReplayPlan plan, int epochs) {
        Map<String, Long> out = new LinkedHashMap<>();
        long[] sent = plan.sentPerClass();
        for (int c = 0; c < sent.length; c++) {
            out.put(plan.labels().get(c), Math.round((double) sent[c] / epochs));
        }
        return out;
    }

    /**
     * Every training sample of the given classes (not only those streamed: the curve shows where
     * more samples stop adding volume), in a seeded random order so prefixes are random subsets.
     */
    static LabelledVectors marginalRows(LabelledVectors train, List<String> classes, long seed) {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < train.size(); r++) {
            if (classes.contains(train.label(r))) {
                rows.add(r);
            }
        }
        Collections.shuffle(rows, new Random(seed));
        return train.subset(rows);
    }

    /** Four classes spread over the label order (for ten long-tailed classes: the first, 4th, 7th and last). */
    static List<String> marginalClasses(List<String> labels) {
        int c = labels.size();
        List<String> out = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            String label = labels.get((int) Math.round(k * (c - 1) / 3.0));
            if (!out.contains(label)) {
                out.add(label);
            }
        }
        return out;
    }

    /**
     * Where the plan's collapse of a focus class begins: the first position of the earliest narrowed stretch that
     * starts within the stream (a narrow layer with @FROM above 0) on one of {@code focus}, FROM x the plan's size
     * rounded up; empty when there is none. A class narrowed from the start is narrow, not collapsing.
     */
    OptionalInt collapsePosition(List<String> focus) {
        return plan.narrowings().stream()
                .filter(n -> n.from() > 0 && focus.contains(n.label()))
                .mapToInt(n -> (int) Math.ceil(n.from() * plan.size()))
                .filter(position -> position < plan.size())
                .min();
    }

    /** All values of a set of vectors, row after row. */
    static float[] flat(LabelledVectors v) {
        float[] out = new float[Math.multiplyExact(v.size(), v.dimension())];
        for (int r = 0; r < v.size(); r++) {
            v.copyRow(r, out, r * v.dimension());
        }
        return out;
    }
}
