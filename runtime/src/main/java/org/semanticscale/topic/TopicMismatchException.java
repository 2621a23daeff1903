package org.semanticscale.topic;

import java.util.List;

/**
 * Existing topics do not fit the app's configuration (a scales topic that is not compacted, an input topic with
 * fewer partitions than configured). The message names each topic, what it has, what is needed and how to fix
 * it; the apps report it as bad configuration.
 */
public final class TopicMismatchException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public TopicMismatchException(List<String> problems) {
        super(
                problems.size() == 1
                        ? problems.get(0)
                        : problems.size() + " topics do not fit the configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One sentence per topic that does not fit. */
    public List<String> problems() {
        return problems;
    }
}
