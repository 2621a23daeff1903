package org.semanticscale.trainer.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.semanticscale.trainer.evaluation.HeldOutAccuracy;
import org.semanticscale.trainer.train.Stage;
import org.semanticscale.trainer.train.TrainerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's meters, all read from its status snapshot (taken at most every
 * {@value #SNAPSHOT_MILLIS} ms, so one scrape sees one consistent state). A figure not known yet
 * (no step, no evaluation) reads NaN. Per-class meters are tagged {@code class} for the first
 * {@code maxClassTags} configured classes only, so the number of series stays bounded.
 */
public final class TrainerMetrics implements MeterBinder {
    private static final Logger LOG = LoggerFactory.getLogger(TrainerMetrics.class);
    static final long SNAPSHOT_MILLIS = 250;

    private final Supplier<TrainerStatus> source;
    private final List<String> classTags;
    private final List<String> deadLetterReasons;
    private final Clock clock;
    private TrainerStatus cached;
    private long cachedAt;

    /**
     * @param deadLetterReasons every reason a record can be refused for (a bounded list)
     */
    public TrainerMetrics(
            Supplier<TrainerStatus> status, List<String> classes, int maxClassTags, List<String> deadLetterReasons) {
        this(status, classes, maxClassTags, deadLetterReasons, Clock.systemUTC());
    }

    /**
     * @param clock what the snapshot's age is measured on (a test's clock steps past its lifetime)
     */
    public TrainerMetrics(
            Supplier<TrainerStatus> status,
            List<String> classes,
            int maxClassTags,
            List<String> deadLetterReasons,
            Clock clock) {
        this.source = status;
        this.clock = clock;
        this.classTags = List.copyOf(classes.subList(0, Math.min(classes.size(), maxClassTags)));
        this.deadLetterReasons = List.copyOf(deadLetterReasons);
        if (classes.size() > maxClassTags) {
            LOG.warn(
                    "{} classes but metrics.max-class-tags = {}: per-class meters only for the first {}",
                    classes.size(),
                    maxClassTags,
                    maxClassTags);
        }
    }

    private synchronized TrainerStatus status() {
        long now = clock.millis();
        if (cached == null || now - cachedAt >= SNAPSHOT_MILLIS) {
            cached = source.get();
            cachedAt = now;
        }
        return cached;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(
                registry,
                "ssi.trainer.loss",
                "Mean loss of the latest training step, as trained (weighted when re-weighted)",
                null,
                TrainerStatus::loss);
        gauge(
                registry,
                "ssi.trainer.step",
                "Training steps the model has taken, across restarts",
                "steps",
                TrainerStatus::step);
        FunctionCounter.builder("ssi.trainer.samples", this, m -> m.status().samplesTrained())
                .description("Samples the model has been trained on, across restarts")
                .register(registry);
        FunctionTimer.builder(
                        "ssi.trainer.step.time",
                        this,
                        m -> m.status().stepsThisRun(),
                        m -> m.status().stepSecondsThisRun(),
                        TimeUnit.SECONDS)
                .description(
                        "Time of training steps in this run: weights, forward, loss, backward, update, feature copy, scoring")
                .register(registry);
        gauge(
                registry,
                "ssi.trainer.throughput",
                "Samples trained per second over about the last 20 steps",
                "samples.per.second",
                TrainerStatus::samplesPerSecond);
        for (Stage stage : Stage.values()) {
            Gauge.builder("ssi.trainer.stage", this, m -> m.status().stage() == stage ? 1 : 0)
                    .description("1 for the stage the trainer is in (fill, refresh, balance), 0 for the others")
                    .tag("stage", stage.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        gauge(
                registry,
                "ssi.trainer.weighted",
                "1 when the latest step's loss was re-weighted, 0 for the plain loss",
                null,
                s -> s.weighted() ? 1 : 0);
        for (String label : classTags) {
            Gauge.builder(
                            "ssi.trainer.prequential.accuracy",
                            this,
                            m -> m.status().prequentialAccuracy().getOrDefault(label, Double.NaN))
                    .description("Accuracy of the class's latest samples, each scored before it was trained on")
                    .tag("class", label)
                    .register(registry);
            Gauge.builder(
                            "ssi.trainer.class.weight",
                            this,
                            m -> m.status().classWeights().getOrDefault(label, Double.NaN))
                    .description("Loss weight the latest step applied to the class (1 with the plain loss)")
                    .tag("class", label)
                    .register(registry);
            FunctionCounter.builder(
                            "ssi.trainer.class.samples",
                            this,
                            m -> m.status().classCounts().getOrDefault(label, 0L))
                    .description("Samples of the class the model has been trained on")
                    .tag("class", label)
                    .register(registry);
        }
        gauge(
                registry,
                "ssi.trainer.prequential.accuracy.overall",
                "Accuracy of the latest samples of any class, each scored before it was trained on",
                null,
                TrainerStatus::prequentialOverall);
        gauge(
                registry,
                "ssi.trainer.prequential.accuracy.balanced",
                "Mean of the per-class prequential accuracies",
                null,
                TrainerStatus::prequentialBalanced);
        FunctionCounter.builder("ssi.trainer.checkpoints", this, m -> m.status().checkpoints())
                .description("Checkpoints written in this run")
                .register(registry);
        for (String reason : deadLetterReasons) {
            FunctionCounter.builder(
                            "ssi.trainer.dead.letters",
                            this,
                            m -> m.status().deadLetters().getOrDefault(reason, 0L))
                    .description("Records refused and sent to the dead-letter topic, by reason")
                    .tag("reason", reason)
                    .register(registry);
        }
        FunctionCounter.builder(
                        "ssi.trainer.features.published", this, m -> m.status().featuresPublished())
                .description("Feature vectors published in this run")
                .register(registry);
        FunctionCounter.builder(
                        "ssi.trainer.features.failed", this, m -> m.status().featuresFailed())
                .description("Feature vectors that could not be published in this run")
                .register(registry);
        bindTestAccuracy(registry);
    }

    private void bindTestAccuracy(MeterRegistry registry) {
        List<String> groups = List.of("overall", "head", "middle", "tail");
        for (String group : groups) {
            Gauge.builder(
                            "ssi.trainer.test.accuracy",
                            this,
                            m -> testAccuracy(m.status().lastEvaluation(), group))
                    .description("Accuracy on the held-out set at the latest evaluation: overall, and the mean over "
                            + "head, middle and tail classes (ranked by samples trained)")
                    .tag("group", group)
                    .register(registry);
        }
    }

    private static double testAccuracy(HeldOutAccuracy a, String group) {
        if (a == null) {
            return Double.NaN;
        }
        return switch (group) {
            case "head" -> a.head();
            case "middle" -> a.middle();
            case "tail" -> a.tail();
            default -> a.overall();
        };
    }

    private void gauge(
            MeterRegistry registry,
            String name,
            String description,
            String baseUnit,
            ToDoubleFunction<TrainerStatus> value) {
        Gauge.Builder<TrainerMetrics> b =
                Gauge.builder(name, this, m -> value.applyAsDouble(m.status())).description(description);
        if (baseUnit != null) {
            b.baseUnit(baseUnit);
        }
        b.register(registry);
    }
}
