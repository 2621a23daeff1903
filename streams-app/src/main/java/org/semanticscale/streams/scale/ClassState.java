package org.semanticscale.streams.scale;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.semanticscale.streams.alert.VolumeHistory;
import org.semanticscale.streams.window.ClassSummaryMessage;

/**
 * Stage B's memory of one class, kept in its changelogged store: the latest summary, both alert states and the
 * history of its own volume, so a restart resumes every verdict where it was. Saturation needs no memory: it is
 * read from each summary.
 *
 * <p>Unknown fields are ignored: a state stored by an earlier version carries the saturation reference point
 * the step-based saturation kept (saturationArrivals, saturationVolume, saturated). Fields it lacks read as
 * not collapsed with an empty history.
 *
 * @param summary          latest summary from stage A
 * @param everHadScale     whether the class ever had a semantic scale
 * @param underrepresented the scale-ratio alert state
 * @param collapsed        the own-drop alert state
 * @param history          its recent S' (frozen while collapsed)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClassState(
        ClassSummaryMessage summary,
        boolean everHadScale,
        boolean underrepresented,
        boolean collapsed,
        VolumeHistory history) {

    public ClassState {
        history = history == null ? VolumeHistory.EMPTY : history;
    }

    static ClassState first(ClassSummaryMessage summary) {
        return new ClassState(summary, false, false, false, VolumeHistory.EMPTY);
    }

    ClassState withSummary(ClassSummaryMessage s) {
        return new ClassState(s, everHadScale, underrepresented, collapsed, history);
    }
}
