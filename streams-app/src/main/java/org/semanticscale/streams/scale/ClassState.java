package org.semanticscale.streams.scale;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.semanticscale.streams.window.ClassSummaryMessage;

/**
 * Stage B's memory of one class, kept in its changelogged store: the latest summary and both alert states, so a
 * restart resumes every verdict where it was. The history of its own volume sits beside it in the same store
 * under its own key ({@link ScaleProcessor}), written only when it gains or loses a point, so the state rewritten
 * at every summary stays the size it was. Saturation needs no memory: it is read from each summary.
 *
 * <p>Unknown fields are ignored: a state stored by an earlier version carries the saturation reference point
 * the step-based saturation kept (saturationArrivals, saturationVolume, saturated). One without
 * {@code collapsed} reads as not collapsed.
 *
 * @param summary          latest summary from stage A
 * @param everHadScale     whether the class ever had a semantic scale
 * @param underrepresented the scale-ratio alert state
 * @param collapsed        the own-drop alert state
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClassState(
        ClassSummaryMessage summary, boolean everHadScale, boolean underrepresented, boolean collapsed) {

    static ClassState first(ClassSummaryMessage summary) {
        return new ClassState(summary, false, false, false);
    }

    ClassState withSummary(ClassSummaryMessage s) {
        return new ClassState(s, everHadScale, underrepresented, collapsed);
    }
}
