package org.semanticscale.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.semanticscale.cli.experiment.statistics.PairedDifference;
import org.semanticscale.cli.experiment.statistics.Spread;

/**
 * Draws the run's PNG plots with XChart: the accuracy figures and the accuracy per class by method (bars at
 * the mean over the seeds, error bars of one sd with two seeds or more), the paired differences against the
 * baseline (error bars: the 95 % t-interval), accuracy against N and against S (each method's own S; one
 * point per class and seed), and the marginal-effect curves (S' against m, first seed).
 */
final class ResultPlots {
    static final String ACCURACY = "accuracy.png";
    static final String ACCURACY_PER_CLASS = "accuracy-per-class.png";
    static final String DIFFERENCES = "differences-vs-baseline.png";
    static final String ACCURACY_VS_N = "accuracy-vs-n.png";
    static final String ACCURACY_VS_S = "accuracy-vs-s.png";
    static final String MARGINAL_EFFECT = "marginal-effect.png";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    private ResultPlots() {}

    /** Writes every plot into {@code dir}; returns the file names written, in order. */
    static List<String> write(ExperimentResults r, Path dir) throws IOException {
        List<String> written = new ArrayList<>();
        save(accuracy(r), dir, ACCURACY, written);
        save(accuracyPerClass(r), dir, ACCURACY_PER_CLASS, written);
        if (r.baseline().isPresent() && r.methods().size() > 1) {
            save(differences(r, r.baseline().get()), dir, DIFFERENCES, written);
        }
        save(accuracyAgainst(r, "N, training samples of the class (log scale)", true), dir, ACCURACY_VS_N, written);
        save(
                accuracyAgainst(r, "S, semantic scale of the class (each model's own features)", false),
                dir,
                ACCURACY_VS_S,
                written);
        if (!r.marginal().isEmpty()) {
            save(marginalEffect(r), dir, MARGINAL_EFFECT, written);
        }
        return written;
    }

    private static CategoryChart accuracy(ExperimentResults r) {
        List<Figure> figures = ResultsJson.pairedFigures(r);
        return accuracyBars(
                r,
                "Test accuracy",
                "figure",
                figures.stream().map(Figure::title).toList(),
                figures);
    }

    private static CategoryChart accuracyPerClass(ExperimentResults r) {
        List<String> categories = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        for (int i = 0; i < r.labels().size(); i++) {
            categories.add(r.names().get(i) + " (" + ResultsMarkdown.count(r.counts()[i]) + ")");
            figures.add(Figure.classAccuracy(i));
        }
        CategoryChart chart =
                accuracyBars(r, "Test accuracy per class", "class (training samples N)", categories, figures);
        chart.getStyler().setXAxisLabelRotation(30);
        return chart;
    }

    /** Each method's accuracies in percent: bars at the means, one sd as error bars from two seeds on. */
    private static CategoryChart accuracyBars(
            ExperimentResults r, String title, String xTitle, List<String> categories, List<Figure> figures) {
        CategoryChart chart = bars(
                title + " (" + r.datasetName() + ", "
                        + r.pipeline().experiment().profile() + ")"
                        + (r.seeds().size() > 1
                                ? ", mean ± sd over " + r.seeds().size() + " seeds"
                                : ""),
                xTitle,
                "accuracy (%)");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        for (MethodSeeds m : r.methods()) {
            List<Spread> spreads = figures.stream().map(m::spread).toList();
            List<Double> mean =
                    spreads.stream().map(s -> finite(100 * s.mean())).toList();
            if (r.seeds().size() > 1) {
                chart.addSeries(
                        m.method().name(),
                        categories,
                        mean,
                        spreads.stream().map(s -> finite(100 * s.sd())).toList());
            } else {
                chart.addSeries(m.method().name(), categories, mean);
            }
        }
        return chart;
    }

    private static CategoryChart differences(ExperimentResults r, MethodSeeds base) {
        List<Figure> figures = ResultsJson.pairedFigures(r);
        CategoryChart chart = bars(
                "Paired difference from " + base.method().name() + ", mean over the seeds"
                        + (r.seeds().size() > 1 ? " with its 95 % t-interval" : ""),
                "figure",
                "points of accuracy");
        List<String> categories = figures.stream().map(Figure::title).toList();
        for (MethodSeeds m : r.methods()) {
            if (m.equals(base) || m.sharedSeeds(base).isEmpty()) {
                continue;
            }
            List<Double> mean = new ArrayList<>();
            List<Double> half = new ArrayList<>();
            for (Figure f : figures) {
                PairedDifference d = m.against(base, f).orElseThrow();
                mean.add(finite(100 * d.mean()));
                half.add(d.interval() == null ? 0 : finite(100 * d.interval().halfWidth()));
            }
            if (r.seeds().size() > 1) {
                chart.addSeries(m.method().name(), categories, mean, half);
            } else {
                chart.addSeries(m.method().name(), categories, mean);
            }
        }
        return chart;
    }

    private static CategoryChart bars(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setAvailableSpaceFill(0.8);
        chart.getStyler().setErrorBarsColorSeriesColor(false);
        return chart;
    }

    private static XYChart accuracyAgainst(ExperimentResults r, String xTitle, boolean byCount) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Per-class test accuracy against " + (byCount ? "N" : "S")
                        + (r.seeds().size() > 1 ? ", one point per class and seed" : ""))
                .xAxisTitle(xTitle)
                .yAxisTitle("accuracy (%)")
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setXAxisLogarithmic(byCount);
        for (MethodSeeds m : r.methods()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (MethodResult seed : m.results()) {
                for (ClassResult c : seed.classes()) {
                    double v = byCount ? c.n() : c.scale();
                    if (Double.isFinite(v) && v > 0 && !Double.isNaN(c.accuracy())) {
                        x.add(v);
                        y.add(100 * c.accuracy());
                    }
                }
            }
            if (!x.isEmpty()) {
                double rho = m.spread(byCount ? Figure.PEARSON_N : Figure.PEARSON_SCALE)
                        .mean();
                String symbol = m.seeds().size() > 1 ? "mean r" : "r";
                chart.addSeries(String.format("%s (%s = %.2f)", m.method().name(), symbol, rho), x, y);
            }
        }
        return chart;
    }

    private static XYChart marginalEffect(ExperimentResults r) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Marginal effect: S' of the first m samples (features of the final " + r.marginalMethod()
                        + " model, seed " + r.seeds().get(0).seed() + ")")
                .xAxisTitle("m, samples of the class (log scale)")
                .yAxisTitle("S', volume")
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisLogarithmic(true);
        for (MarginalEffect.Curve c : r.marginal()) {
            if (c.m().length > 0) {
                chart.addSeries(c.name(), Arrays.stream(c.m()).asDoubleStream().toArray(), c.volume());
            }
        }
        return chart;
    }

    private static void save(Chart<?, ?> chart, Path dir, String file, List<String> written) throws IOException {
        BitmapEncoder.saveBitmap(chart, dir.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
        written.add(file);
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
