package org.semanticscale.streams.window;

import org.semanticscale.streams.deadletter.DeadLetter;

/** What stage A sends on: class summaries to stage B, or vectors its class cannot take to dead letters. */
public sealed interface WindowOutput {
    record Summary(ClassSummaryMessage summary) implements WindowOutput {}

    record Refused(DeadLetter deadLetter) implements WindowOutput {}
}
