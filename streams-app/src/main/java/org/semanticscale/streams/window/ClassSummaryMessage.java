package org.semanticscale.streams.window;

/**
 * What stage A tells stage B about one class's window, at most once per {@code scale.interval}.
 *
 * @param label               class label
 * @param n                   vectors in the window
 * @param volume              S' of the window
 * @param halfVolume          the volume half of the window spans (mean of its even and odd arrivals), NaN below
 *                            four vectors; for the saturation gain. A summary sent before it existed reads 0
 *                            here (gain 1, not saturated) until the next summary of its class
 * @param mean                mean vector (the class centre)
 * @param dimension           vector dimension
 * @param minModelVersion     oldest model version in the window (-1 when empty)
 * @param maxModelVersion     newest model version in the window (-1 when empty)
 * @param windowStart         event time of the oldest vector (0 when empty)
 * @param windowEnd           event time of the newest vector (0 when empty)
 * @param arrivals            vectors this class has taken in since it was first seen
 * @param pendingSinceMillis  wall-clock ms when the oldest change in this summary arrived (-1: none), for the latency metric
 */
public record ClassSummaryMessage(
        String label,
        long n,
        double volume,
        double halfVolume,
        double[] mean,
        int dimension,
        long minModelVersion,
        long maxModelVersion,
        long windowStart,
        long windowEnd,
        long arrivals,
        long pendingSinceMillis) {

    /**
     * This class as stage B publishes it when it is silent: no vectors, no volume, its window's times and model
     * versions as they were (when it last had data).
     */
    public ClassSummaryMessage withoutVectors() {
        return new ClassSummaryMessage(
                label,
                0,
                Double.NaN,
                Double.NaN,
                mean,
                dimension,
                minModelVersion,
                maxModelVersion,
                windowStart,
                windowEnd,
                arrivals,
                pendingSinceMillis);
    }
}
