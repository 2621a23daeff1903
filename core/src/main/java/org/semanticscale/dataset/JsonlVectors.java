package org.semanticscale.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.record.JsonRecords;
import org.semanticscale.record.RecordFormatException;

/** Vectors in JSON Lines: one feature record per line in the JSON layout, blank lines ignored. */
public final class JsonlVectors {
    private JsonlVectors() {}

    public static LabelledVectors read(Path file) throws IOException {
        LabelledVectors.Builder rows = new LabelledVectors.Builder();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            long line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                FeatureVector v;
                try {
                    v = JsonRecords.parseFeature(text);
                } catch (RecordFormatException e) {
                    throw new DatasetFormatException(file, line, e.getMessage());
                }
                if (rows.dimension() >= 0 && v.dimension() != rows.dimension()) {
                    throw new DatasetFormatException(
                            file, line, v.dimension() + " features where earlier lines have " + rows.dimension());
                }
                rows.add(v.label(), v.values());
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new DatasetFormatException(file, 0, "not UTF-8 text");
        }
        if (rows.rows() == 0) {
            throw new DatasetFormatException(
                    file, 0, "no records (expected one {\"label\": ..., \"features\": [...]} per line)");
        }
        return rows.build();
    }
}
