package org.semanticscale.cli.experiment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one run measured, as the report writers need it.
 *
 * @param pipeline       the settings as given and as sized from the stream
 * @param datasetName    the data set's name
 * @param labels         classes in label order
 * @param names          their display names, same order
 * @param counts         distinct training samples per class streamed (N), same order
 * @param testCounts     test samples per class, same order
 * @param methods        one result per method that completed, in the order run
 * @param failures       why each method that did not complete failed, by name
 * @param marginalMethod the method whose model gave the marginal-effect features (null: no curves)
 * @param marginal       the marginal-effect curves
 * @param started        when the run started
 * @param wallSeconds    the whole run, data loading and writing excluded
 */
public record ExperimentResults(
        PipelineSettings pipeline,
        String datasetName,
        List<String> labels,
        List<String> names,
        long[] counts,
        long[] testCounts,
        List<MethodResult> methods,
        Map<String, String> failures,
        String marginalMethod,
        List<MarginalEffect.Curve> marginal,
        Instant started,
        double wallSeconds) {

    /** The result of a method, by name. */
    Optional<MethodResult> method(String name) {
        return methods.stream().filter(m -> m.method().name().equals(name)).findFirst();
    }

    /** The plain cross-entropy result costs are measured against, when the run has one. */
    Optional<MethodResult> baseline() {
        return methods.stream().filter(m -> m.method().isPlainCrossEntropy()).findFirst();
    }
}
