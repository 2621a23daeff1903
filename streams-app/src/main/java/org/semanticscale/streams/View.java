package org.semanticscale.streams;

/**
 * The two views the streams-app keeps of every class (docs/semantic-scale.md, 'Two views'): the same windows,
 * scales and alerts, fed by different vectors.
 *
 * <ul>
 *   <li>{@link #MODEL}: the model's features on {@code ssi.features} (the trainer's, or a user's encoder); the
 *       feature volume the DSB loss is weighted by.</li>
 *   <li>{@link #INPUT}: a fixed, seeded projection of each labelled sample on {@code ssi.samples}; the sample
 *       volume, independent of any model, for monitoring (works with no trainer running).</li>
 * </ul>
 * Each view's processors, stores and internal topics are named with its {@link #prefix()}; its alerts and meters
 * carry its {@link #tag()} (JSON field and metric tag {@code view}).
 */
public enum View {
    MODEL("model", ""),
    INPUT("input", "input-");

    private final String tag;
    private final String prefix;

    View(String tag, String prefix) {
        this.tag = tag;
        this.prefix = prefix;
    }

    /** {@code model} or {@code input}: the alerts' {@code view} field and the meters' {@code view} tag. */
    public String tag() {
        return tag;
    }

    /**
     * What the names of the view's processors, stores and internal topics begin with: nothing for the model view
     * (its names are those the app had before the input view, so running state carries over), {@code input-}.
     */
    public String prefix() {
        return prefix;
    }
}
