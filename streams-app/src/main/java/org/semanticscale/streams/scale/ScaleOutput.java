package org.semanticscale.streams.scale;

import org.semanticscale.record.ScaleRecord;
import org.semanticscale.streams.alert.AlertRecord;

/** What stage B publishes: scale records (compacted topic) and alert transitions. */
public sealed interface ScaleOutput {
    record Scale(ScaleRecord record) implements ScaleOutput {}

    record Alert(AlertRecord record) implements ScaleOutput {}
}
