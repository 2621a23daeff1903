package org.semanticscale.cli.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The demo's picture: five panels over the run's time (window count, S' of each view with its own baseline, S,
 * the weight the trainer applied), one line per class. Classes that raised an alert are drawn in colour with their alert
 * periods shaded; the others thin and grey, so the eye goes to the class whose count stays put while S and
 * its weight move.
 */
final class DemoChart {
    private static final int WIDTH = 1100;
    private static final int PANEL_HEIGHT = 300;
    private static final Color[] ALERT_COLOURS = {
        new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C), new Color(0x9467BD), new Color(0xFF7F0E)
    };
    private static final Color OTHERS = new Color(0xB0B0B0);

    /** An alert of one class, from its raising transition to its recovery (or the end of the run). */
    record Period(String label, String state, String view, double fromSeconds, double toSeconds) {}

    private DemoChart() {}

    /** Alert periods from the transitions, in seconds since {@code startMillis}; an open one ends at {@code endSeconds}. */
    static List<Period> periods(List<AlertTransition> transitions, long startMillis, double endSeconds) {
        List<Period> out = new ArrayList<>();
        Map<String, AlertTransition> open = new LinkedHashMap<>();
        for (AlertTransition t : transitions) {
            String key = t.label() + "/" + t.cause() + "/" + t.view();
            double at = (t.timeMillis() - startMillis) / 1000.0;
            if (t.raises()) {
                open.putIfAbsent(key, t);
            } else {
                AlertTransition raised = open.remove(key);
                if (raised != null) {
                    out.add(new Period(
                            raised.label(),
                            raised.state(),
                            raised.view(),
                            (raised.timeMillis() - startMillis) / 1000.0,
                            at));
                }
            }
        }
        for (AlertTransition raised : open.values()) {
            out.add(new Period(
                    raised.label(),
                    raised.state(),
                    raised.view(),
                    (raised.timeMillis() - startMillis) / 1000.0,
                    endSeconds));
        }
        return out;
    }

    /** Writes the picture to {@code file} (PNG). */
    static void write(Path file, DemoHistory history, List<Period> periods, UnaryOperator<String> names)
            throws IOException {
        Map<String, Color> colours = new LinkedHashMap<>();
        for (Period p : periods) {
            colours.putIfAbsent(p.label(), ALERT_COLOURS[colours.size() % ALERT_COLOURS.length]);
        }
        List<XYChart> panels = List.of(
                panel(
                        "Vectors in the class's window (what counting sees); shaded: alert periods, any view",
                        "count",
                        history,
                        periods,
                        colours,
                        names,
                        DemoHistory.Point::n,
                        null),
                panel(
                        "Model view: S' of the trainer's features; dashed: its own baseline",
                        "S' model",
                        history,
                        periods,
                        colours,
                        names,
                        DemoHistory.Point::volume,
                        DemoHistory.Point::baselineVolume),
                panel(
                        "Input view: S' of the raw samples' fixed projection (no model); dashed: its own baseline",
                        "S' input",
                        history,
                        periods,
                        colours,
                        names,
                        DemoHistory.Point::inputVolume,
                        DemoHistory.Point::inputBaselineVolume),
                panel("S, the semantic scale", "S", history, periods, colours, names, DemoHistory.Point::scale, null),
                panel(
                        "Loss weight the trainer applied (1 before the BALANCE stage)",
                        "weight",
                        history,
                        periods,
                        colours,
                        names,
                        DemoHistory.Point::weight,
                        null));
        BufferedImage image = new BufferedImage(WIDTH, PANEL_HEIGHT * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            for (int i = 0; i < panels.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), 0, i * PANEL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static XYChart panel(
            String title,
            String yTitle,
            DemoHistory history,
            List<Period> periods,
            Map<String, Color> colours,
            UnaryOperator<String> names,
            ToDoubleFunction<DemoHistory.Point> value,
            ToDoubleFunction<DemoHistory.Point> dashed) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(PANEL_HEIGHT)
                .title(title)
                .xAxisTitle("seconds since the start")
                .yAxisTitle(yTitle)
                .build();
        Styler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setMarkerSize(0);
        s.setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(0.0);
        double top = 0;
        boolean othersInLegend = false;
        // Grey first, so the coloured classes are drawn over them.
        List<String> order = new ArrayList<>();
        history.classes().stream().filter(l -> !colours.containsKey(l)).forEach(order::add);
        order.addAll(colours.keySet());
        for (String label : order) {
            List<DemoHistory.Point> points = history.of(label);
            double[][] xy = series(points, value);
            if (xy[0].length == 0) {
                continue;
            }
            top = Math.max(top, max(xy[1]));
            Color colour = colours.get(label);
            String name = colour == null ? "other classes" : names.apply(label);
            if (colour == null && othersInLegend) {
                name = names.apply(label) + " ";
            }
            XYSeries line = chart.addSeries(uniqueName(chart, name), xy[0], xy[1]);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(colour == null ? OTHERS : colour);
            line.setLineStyle(new BasicStroke(colour == null ? 1f : 2.5f));
            line.setShowInLegend(colour != null || !othersInLegend);
            othersInLegend |= colour == null;
            if (dashed != null && colour != null) {
                double[][] base = series(points, dashed);
                if (base[0].length > 0) {
                    top = Math.max(top, max(base[1]));
                    XYSeries b = chart.addSeries(uniqueName(chart, names.apply(label) + " baseline"), base[0], base[1]);
                    b.setMarker(SeriesMarkers.NONE);
                    b.setLineColor(colour);
                    b.setLineStyle(new BasicStroke(
                            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                    b.setShowInLegend(false);
                }
            }
        }
        top = top > 0 ? top * 1.08 : 1;
        chart.getStyler().setYAxisMax(top);
        for (Period p : periods) {
            Color c = colours.get(p.label());
            XYSeries band = chart.addSeries(
                    uniqueName(chart, names.apply(p.label()) + " " + p.state() + " (" + p.view() + ")"),
                    new double[] {p.fromSeconds(), p.toSeconds()},
                    new double[] {top, top});
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            // The legend names the classes; a band's colour is its class's.
            band.setShowInLegend(false);
            band.setMarker(SeriesMarkers.NONE);
            band.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 40));
            band.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 40));
        }
        return chart;
    }

    /** The finite points of one figure as x and y arrays. */
    private static double[][] series(List<DemoHistory.Point> points, ToDoubleFunction<DemoHistory.Point> value) {
        List<double[]> kept = new ArrayList<>();
        for (DemoHistory.Point p : points) {
            double v = value.applyAsDouble(p);
            if (Double.isFinite(v)) {
                kept.add(new double[] {p.seconds(), v});
            }
        }
        double[] x = new double[kept.size()];
        double[] y = new double[kept.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = kept.get(i)[0];
            y[i] = kept.get(i)[1];
        }
        return new double[][] {x, y};
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** XChart refuses two series of the same name. */
    private static String uniqueName(XYChart chart, String name) {
        String n = name;
        while (chart.getSeriesMap().containsKey(n)) {
            n = n + " ";
        }
        return n;
    }
}
