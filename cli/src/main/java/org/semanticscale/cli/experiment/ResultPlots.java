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

/**
 * Draws the run's PNG plots with XChart: accuracy per class by method, accuracy against N and
 * against S (each method's own S), and the marginal-effect curves (S' against m).
 */
final class ResultPlots {
    static final String ACCURACY_PER_CLASS = "accuracy-per-class.png";
    static final String ACCURACY_VS_N = "accuracy-vs-n.png";
    static final String ACCURACY_VS_S = "accuracy-vs-s.png";
    static final String MARGINAL_EFFECT = "marginal-effect.png";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    private ResultPlots() {}

    /** Writes every plot into {@code dir}; returns the file names written, in order. */
    static List<String> write(ExperimentResults r, Path dir) throws IOException {
        List<String> written = new ArrayList<>();
        save(accuracyPerClass(r), dir, ACCURACY_PER_CLASS, written);
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

    private static CategoryChart accuracyPerClass(ExperimentResults r) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Test accuracy per class (" + r.datasetName() + ", "
                        + r.pipeline().experiment().profile() + ")")
                .xAxisTitle("class (training samples N)")
                .yAxisTitle("accuracy (%)")
                .build();
        Styler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setAvailableSpaceFill(0.8);
        List<String> categories = new ArrayList<>();
        for (int i = 0; i < r.labels().size(); i++) {
            categories.add(r.names().get(i) + " (" + r.counts()[i] + ")");
        }
        for (MethodResult m : r.methods()) {
            chart.addSeries(
                    m.method().name(),
                    categories,
                    m.classes().stream().map(c -> nanToZero(100 * c.accuracy())).toList());
        }
        return chart;
    }

    private static XYChart accuracyAgainst(ExperimentResults r, String xTitle, boolean byCount) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Per-class test accuracy against " + (byCount ? "N" : "S"))
                .xAxisTitle(xTitle)
                .yAxisTitle("accuracy (%)")
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setXAxisLogarithmic(byCount);
        for (MethodResult m : r.methods()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (ClassResult c : m.classes()) {
                double v = byCount ? c.n() : c.scale();
                if (Double.isFinite(v) && v > 0 && !Double.isNaN(c.accuracy())) {
                    x.add(v);
                    y.add(100 * c.accuracy());
                }
            }
            if (!x.isEmpty()) {
                MethodResult.Correlations p = m.pearson();
                double rho = byCount ? p.withN() : p.withScale();
                chart.addSeries(String.format("%s (r = %.2f)", m.method().name(), rho), x, y);
            }
        }
        return chart;
    }

    private static XYChart marginalEffect(ExperimentResults r) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Marginal effect: S' of the first m samples (features of the final " + r.marginalMethod()
                        + " model)")
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

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
