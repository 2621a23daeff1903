package org.semanticscale.cli.experiment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the runs of one seed measured: every method trained on that seed's stream.
 *
 * @param seed        the seed of the stream and the models
 * @param counts      N: samples per class one epoch of the seed's stream sends, in label order
 * @param methods     one result per method that completed, in the order run
 * @param failures    why each method that did not complete failed, by name
 * @param wallSeconds every method of the seed, from the first start to the last stop
 */
record SeedResults(
        long seed, long[] counts, List<MethodResult> methods, Map<String, String> failures, double wallSeconds) {

    /** The result of a method, by name. */
    Optional<MethodResult> method(String name) {
        return methods.stream().filter(m -> m.method().name().equals(name)).findFirst();
    }
}
