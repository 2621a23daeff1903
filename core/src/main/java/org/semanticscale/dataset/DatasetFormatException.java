package org.semanticscale.dataset;

import java.io.IOException;
import java.nio.file.Path;

/** A data file could not be read; the message names the file and, for text formats, the line. */
public final class DatasetFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    /** @param line 1-based line number, or 0 when the format has no lines */
    public DatasetFormatException(Path file, long line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number, or 0 when the format has no lines. */
    public long line() {
        return line;
    }
}
