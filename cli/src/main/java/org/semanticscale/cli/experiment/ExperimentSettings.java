package org.semanticscale.cli.experiment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * What {@code ssi experiment} was asked to do, as given on the command line.
 *
 * @param dataset           data set spec (see {@code LabelledDataset.load})
 * @param profile           replay profile, e.g. {@code exp:100}
 * @param methods           the methods to compare, in order
 * @param seeds             one run of every method per seed, in this order; a seed fixes the selection, the order
 *                          of every epoch and the models' initialisation, the same for every method (the first
 *                          seed also splits a data set without test files)
 * @param epochs            passes over the selected samples
 * @param model             {@code mlp} or {@code cnn}
 * @param rate              samples per second the replay sends (0: as fast as it can)
 * @param windowSpan        the streams-app's window span, or null for one epoch at the replay rate
 * @param windowCap         the streams-app's per-class cap, or 0 for the largest class's samples per epoch
 * @param fillEpochs        epochs of stage FILL (plain loss while the windows fill)
 * @param refreshEpochs     epochs of stage REFRESH after FILL (plain loss while features settle); BALANCE after
 * @param alpha             alpha of the distance weight W = log2(alpha + W'), streamed and offline
 * @param testFraction      held out per class when the data set has no test files
 * @param trainerOverrides  extra trainer settings (highest precedence)
 * @param streamsOverrides  extra streams-app settings (highest precedence)
 * @param focus             labels of the classes the report follows as a group (empty: none)
 * @param output            directory the results go to
 * @param command           the command line, for the report
 */
public record ExperimentSettings(
        String dataset,
        String profile,
        List<Method> methods,
        List<Long> seeds,
        int epochs,
        String model,
        double rate,
        Duration windowSpan,
        int windowCap,
        double fillEpochs,
        double refreshEpochs,
        double alpha,
        double testFraction,
        Map<String, String> trainerOverrides,
        Map<String, String> streamsOverrides,
        List<String> focus,
        Path output,
        String command) {
    public ExperimentSettings {
        methods = List.copyOf(methods);
        seeds = List.copyOf(seeds);
        focus = List.copyOf(focus);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("--seeds needs at least one seed");
        }
        if (new HashSet<>(seeds).size() < seeds.size()) {
            throw new IllegalArgumentException("--seeds lists a seed twice: " + seeds);
        }
        if (new HashSet<>(focus).size() < focus.size()) {
            throw new IllegalArgumentException("--focus lists a class twice: " + focus);
        }
        trainerOverrides = Map.copyOf(trainerOverrides);
        streamsOverrides = Map.copyOf(streamsOverrides);
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, was " + epochs);
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate must be >= 0 samples per second, was " + rate);
        }
        if (rate == 0 && windowSpan == null) {
            throw new IllegalArgumentException("--rate 0 (as fast as possible) needs an explicit --window-span: "
                    + "the default span is one epoch at the replay rate");
        }
        if (windowCap < 0 || windowCap == 1) {
            throw new IllegalArgumentException("--window-cap must be 0 (auto) or at least 2, was " + windowCap);
        }
        if (!(fillEpochs >= 0) || !(refreshEpochs >= 0)) {
            throw new IllegalArgumentException("--fill-epochs and --refresh-epochs must be >= 0");
        }
        if (!(alpha >= 1) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("--alpha must be a finite number >= 1, was " + alpha);
        }
        if (!model.equals("mlp") && !model.equals("cnn")) {
            throw new IllegalArgumentException("--model must be mlp or cnn, was " + model);
        }
    }

    /**
     * The method every other is compared with, seed by seed: plain cross-entropy when it runs, else the first
     * method. Its final model also gives the marginal-effect curves.
     */
    public Method baseline() {
        return methods.stream().filter(Method::isPlainCrossEntropy).findFirst().orElse(methods.get(0));
    }
}
