package org.semanticscale.streams.scale;

import org.semanticscale.streams.window.ClassSummaryMessage;

/**
 * Stage B's memory of one class, kept in its changelogged store: the latest summary, the saturation reference
 * point (docs/semantic-scale.md, 'Saturation') and the alert state, so a restart resumes every verdict where
 * it was.
 *
 * @param summary            latest summary from stage A
 * @param saturationArrivals arrivals at the saturation reference point (-1: none yet)
 * @param saturationVolume   volume at the saturation reference point
 * @param saturated          current saturation verdict
 * @param everHadScale       whether the class ever had a semantic scale
 * @param underrepresented   current alert state
 */
public record ClassState(
        ClassSummaryMessage summary,
        long saturationArrivals,
        double saturationVolume,
        boolean saturated,
        boolean everHadScale,
        boolean underrepresented) {

    static ClassState first(ClassSummaryMessage summary) {
        return new ClassState(summary, -1, 0, false, false, false);
    }

    ClassState withSummary(ClassSummaryMessage s) {
        return new ClassState(s, saturationArrivals, saturationVolume, saturated, everHadScale, underrepresented);
    }

    ClassState withSaturation(long arrivals, double volume, boolean verdict) {
        return new ClassState(summary, arrivals, volume, verdict, everHadScale, underrepresented);
    }

    ClassState withAlertState(boolean hadScale, boolean under) {
        return new ClassState(summary, saturationArrivals, saturationVolume, saturated, hadScale, under);
    }
}
