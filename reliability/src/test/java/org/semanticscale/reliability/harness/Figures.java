package org.semanticscale.reliability.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of one test run, in the order recorded: printed, and written to
 * {@code target/reliability/FIGURES-<test>.txt} so docs/reliability.md can quote the last run.
 */
public final class Figures {
    private final String test;
    private final Map<String, String> values = new LinkedHashMap<>();

    public Figures(String test) {
        this.test = test;
        values.put("profile", Profile.name());
        values.put("run at", Instant.now().toString());
    }

    public Figures put(String name, Object value) {
        String text = format(value);
        values.put(name, text);
        System.out.println("FIGURE " + test + " | " + name + " = " + text);
        return this;
    }

    /** Doubles to two decimals (seconds, megabytes), lists element by element. */
    private static String format(Object value) {
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.2f", d);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Figures::format).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }

    public Map<String, String> values() {
        return values;
    }

    /** Writes the file; call at the end of the test (also after a failure, from a finally block). */
    public void write() {
        Path dir = Path.of(System.getProperty("ssi.reliability.output", "target/reliability"));
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("FIGURES-" + test + ".txt"), b.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("could not write the figures of " + test + ": " + e);
        }
    }
}
