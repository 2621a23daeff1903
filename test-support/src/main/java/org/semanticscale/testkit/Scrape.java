package org.semanticscale.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One scrape of a {@code /metrics} endpoint on 127.0.0.1 (Prometheus text format), with lookups by
 * metric name and labels. Lines look like {@code name{label="value",...} 12.0}.
 */
public final class Scrape {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String text;
    private final Map<String, Double> samples = new LinkedHashMap<>();

    private Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            try {
                samples.put(line.substring(0, space), parse(line.substring(space + 1)));
            } catch (RuntimeException e) {
                // A line of another shape (timestamps, exemplars): not needed here.
            }
        }
    }

    /** A sample value: a Java double, or Prometheus' +Inf and -Inf. */
    private static double parse(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }

    /** Scrapes http://127.0.0.1:port/metrics. */
    public static Scrape of(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("/metrics on port " + port + " answered " + r.statusCode());
        }
        return new Scrape(r.body());
    }

    /** The scrape, or null when the endpoint does not answer (the app is starting or gone). */
    public static Scrape tryOf(int port) {
        try {
            return of(port);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The value of a series without labels on the port's /metrics, or NaN when it is missing or the endpoint does not answer. */
    public static double valueAt(int port, String name) {
        Scrape s = tryOf(port);
        return s == null ? Double.NaN : s.value(name);
    }

    /** The HTTP status of /health on the port, or -1 when it does not answer. */
    public static int health(int port) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The whole text, as served. */
    public String text() {
        return text;
    }

    /** The value of a series without labels (or NaN). */
    public double value(String name) {
        Double v = samples.get(name);
        return v == null ? Double.NaN : v;
    }

    /** The value of the first of these series that is there (a metric named with or without its unit), or NaN. */
    public double first(String... names) {
        for (String name : names) {
            double v = value(name);
            if (!Double.isNaN(v)) {
                return v;
            }
        }
        return Double.NaN;
    }

    /** The sum over every series of a metric whose labels contain {@code labelFilter} (e.g. {@code area="heap"}); 0 when none. */
    public double sum(String name, String labelFilter) {
        double total = 0;
        for (var e : samples.entrySet()) {
            String series = e.getKey();
            boolean sameName = series.equals(name) || series.startsWith(name + "{");
            if (sameName && (labelFilter == null || series.contains(labelFilter))) {
                total += e.getValue();
            }
        }
        return total;
    }

    /** The metric names of every series (the name before its labels), sorted. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (String series : samples.keySet()) {
            int labels = series.indexOf('{');
            names.add(labels < 0 ? series : series.substring(0, labels));
        }
        return names;
    }

    /** How many series a metric has (e.g. classes with a window gauge). */
    public int series(String name) {
        int n = 0;
        for (String series : samples.keySet()) {
            if (series.equals(name) || series.startsWith(name + "{")) {
                n++;
            }
        }
        return n;
    }
}
