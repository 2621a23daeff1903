package org.semanticscale.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads labelled vectors from CSV, JSON Lines or IDX files, telling the format from the file. */
public final class DataFiles {
    /** The formats {@link #read} understands. */
    public enum Format {
        CSV,
        JSONL,
        IDX;

        public static Format parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown format '" + name + "': use csv, jsonl or idx");
            }
        }
    }

    private DataFiles() {}

    /**
     * Reads {@code input} in {@code format}, or in the format its name and content suggest when
     * {@code format} is null. IDX images need their {@code labels} file; other formats refuse one.
     */
    public static LabelledVectors read(Path input, Path labels, Format format) throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new java.nio.file.NoSuchFileException(input.toString(), null, "no such file");
        }
        Format f = format != null ? format : detect(input, labels);
        switch (f) {
            case IDX:
                if (labels == null) {
                    throw new DatasetFormatException(
                            input, 0, "IDX images need their labels file: add --labels ...-idx1-ubyte");
                }
                if (!Files.isRegularFile(labels)) {
                    throw new java.nio.file.NoSuchFileException(labels.toString(), null, "no such labels file");
                }
                return IdxFiles.read(input, labels);
            case JSONL:
                refuseLabels(input, labels);
                return JsonlVectors.read(input);
            default:
                refuseLabels(input, labels);
                return CsvVectors.read(input);
        }
    }

    /** IDX when it has the magic or labels are given; JSON Lines by name or a leading '{'; else CSV. */
    public static Format detect(Path input, Path labels) throws IOException {
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
        if (labels != null || IdxFiles.looksLikeImages(input)) {
            return Format.IDX;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return Format.JSONL;
        }
        try (var reader = Files.newBufferedReader(input)) {
            int c;
            while ((c = reader.read()) != -1 && Character.isWhitespace(c)) {
                // skip leading blanks
            }
            return c == '{' ? Format.JSONL : Format.CSV;
        } catch (java.nio.charset.MalformedInputException e) {
            return Format.CSV;
        }
    }

    private static void refuseLabels(Path input, Path labels) throws DatasetFormatException {
        if (labels != null) {
            throw new DatasetFormatException(
                    input, 0, "--labels is only for IDX images; CSV and JSON Lines carry their labels");
        }
    }
}
