package org.semanticscale.cli.experiment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@code ssi experiment} was asked to do, as given on the command line.
 *
 * @param dataset           data set spec (see {@code LabelledDataset.load})
 * @param profile           replay profile, e.g. {@code exp:100}
 * @param methods           the methods to compare, in order
 * @param seed              seed of the selection, the order of every epoch and every model
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
 * @param output            directory the results go to
 * @param command           the command line, for the report
 */
public record ExperimentSettings(
        String dataset,
        String profile,
        List<Method> methods,
        long seed,
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
        Path output,
        String command) {
    public ExperimentSettings {
        methods = List.copyOf(methods);
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
}
