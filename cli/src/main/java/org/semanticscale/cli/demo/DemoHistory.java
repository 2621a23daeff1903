package org.semanticscale.cli.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.semanticscale.record.ScaleRecord;
import org.semanticscale.trainer.train.TrainerStatus;

/**
 * What the demo saw at each refresh, per class, for its picture: the window count, S' and its own baseline in
 * both views (model features and input samples), S and the weight the trainer applied. Figures a class did not have yet are NaN.
 */
final class DemoHistory {
    /** One class at one refresh. */
    record Point(
            double seconds,
            double n,
            double volume,
            double baselineVolume,
            double inputVolume,
            double inputBaselineVolume,
            double scale,
            double weight) {}

    private final List<String> classes;
    private final List<List<Point>> points = new ArrayList<>();

    DemoHistory(List<String> classes) {
        this.classes = List.copyOf(classes);
        for (int i = 0; i < classes.size(); i++) {
            points.add(Collections.synchronizedList(new ArrayList<>()));
        }
    }

    /**
     * Records every class as the scales topics of both views show it {@code seconds} into the run, with the loss
     * weights the trainer applied ({@link TrainerStatus#classWeights()}).
     */
    void record(
            double seconds,
            Map<String, ScaleRecord> scales,
            Map<String, ScaleRecord> inputScales,
            Map<String, Double> weights) {
        for (int i = 0; i < classes.size(); i++) {
            String label = classes.get(i);
            ScaleRecord s = scales.get(label);
            ScaleRecord in = inputScales.get(label);
            Double weight = weights.get(label);
            double nan = Double.NaN;
            points.get(i)
                    .add(new Point(
                            seconds,
                            s == null ? nan : s.n(),
                            s == null ? nan : s.volume(),
                            s == null ? nan : s.baselineVolume(),
                            in == null ? nan : in.volume(),
                            in == null ? nan : in.baselineVolume(),
                            s == null ? nan : s.scale(),
                            weight == null ? nan : weight));
        }
    }

    List<String> classes() {
        return classes;
    }

    /** The points of class {@code label}, oldest first. */
    List<Point> of(String label) {
        int i = classes.indexOf(label);
        if (i < 0) {
            return List.of();
        }
        synchronized (points.get(i)) {
            return new ArrayList<>(points.get(i));
        }
    }
}
