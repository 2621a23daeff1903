package org.semanticscale.trainer.sample;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.semanticscale.record.BinaryRecords;

/** The configured class labels (key {@code classes} or {@code classes.file}) and their positions, which are the model's output indices. */
public final class ClassIndex {
    public static final int MAX_CLASSES = 10_000;

    private final List<String> labels;
    private final Map<String, Integer> positions = new HashMap<>();

    public ClassIndex(List<String> labels) {
        if (labels.size() < 2 || labels.size() > MAX_CLASSES) {
            throw new IllegalArgumentException("expected 2 to " + MAX_CLASSES + " classes, got " + labels.size());
        }
        for (String label : labels) {
            if (label.isBlank()) {
                throw new IllegalArgumentException("a class label is empty");
            }
            if (label.getBytes(StandardCharsets.UTF_8).length > BinaryRecords.MAX_TEXT_BYTES) {
                throw new IllegalArgumentException(
                        "class label '" + label + "' is longer than " + BinaryRecords.MAX_TEXT_BYTES + " bytes");
            }
            if (positions.put(label, positions.size()) != null) {
                throw new IllegalArgumentException("class label '" + label + "' is listed twice");
            }
        }
        this.labels = List.copyOf(labels);
    }

    /** The position of a label, or -1 when it is not a configured class. */
    public int indexOf(String label) {
        return positions.getOrDefault(label, -1);
    }

    public String label(int index) {
        return labels.get(index);
    }

    public List<String> labels() {
        return labels;
    }

    public int size() {
        return labels.size();
    }
}
