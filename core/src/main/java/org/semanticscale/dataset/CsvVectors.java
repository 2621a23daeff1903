package org.semanticscale.dataset;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Vectors in CSV: {@code label,f1,...,fd} per line, an optional header line (recognised by a second
 * field that is not a number), blank lines ignored. Parsing is Commons CSV, so quoted labels work.
 */
public final class CsvVectors {
    private CsvVectors() {}

    public static LabelledVectors read(Path file) throws IOException {
        LabelledVectors.Builder rows = new LabelledVectors.Builder();
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, format)) {
            boolean first = true;
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (first && isHeader(record)) {
                    first = false;
                    continue;
                }
                first = false;
                rows.add(label(file, line, record), values(file, line, record, rows.dimension()));
            }
        } catch (java.io.UncheckedIOException e) {
            throw new DatasetFormatException(
                    file, 0, "not readable as CSV: " + e.getCause().getMessage());
        }
        if (rows.rows() == 0) {
            throw new DatasetFormatException(file, 0, "no data rows (expected lines of label,f1,...,fd)");
        }
        return rows.build();
    }

    private static boolean isHeader(CSVRecord record) {
        return record.size() > 1 && !isNumber(record.get(1));
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String label(Path file, long line, CSVRecord record) throws DatasetFormatException {
        String label = record.get(0);
        if (label.isBlank()) {
            throw new DatasetFormatException(file, line, "the label (first field) is empty");
        }
        return label;
    }

    private static float[] values(Path file, long line, CSVRecord record, int dimension) throws DatasetFormatException {
        if (record.size() < 2) {
            throw new DatasetFormatException(file, line, "a label but no features (expected label,f1,...,fd)");
        }
        if (dimension >= 0 && record.size() - 1 != dimension) {
            throw new DatasetFormatException(
                    file, line, (record.size() - 1) + " features where earlier rows have " + dimension);
        }
        float[] v = new float[record.size() - 1];
        for (int k = 0; k < v.length; k++) {
            String field = record.get(k + 1);
            try {
                v[k] = Float.parseFloat(field);
            } catch (NumberFormatException e) {
                throw new DatasetFormatException(
                        file, line, "feature " + (k + 1) + " is not a number: '" + field + "'");
            }
            if (!Float.isFinite(v[k])) {
                throw new DatasetFormatException(file, line, "feature " + (k + 1) + " is not finite: '" + field + "'");
            }
        }
        return v;
    }
}
