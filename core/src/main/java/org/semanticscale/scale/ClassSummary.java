package org.semanticscale.scale;

import java.util.Objects;

/**
 * What the scale computation needs to know of one class: how many vectors it has, the volume they span (S',
 * docs/semantic-scale.md, 'Volume of one class') and their mean (the class centre o_i of 'From volume to
 * semantic scale').
 */
public record ClassSummary(String label, long n, double volume, double[] mean) {
    public ClassSummary {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(mean, "mean");
        if (n < 0) {
            throw new IllegalArgumentException("class " + label + ": count must not be negative, was " + n);
        }
    }
}
