package org.semanticscale.trainer.sample;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A file of class labels (key {@code classes.file}): one label per line in model order, UTF-8, each line
 * trimmed; blank lines and lines starting with {@code #} are skipped. What a class list of thousands of labels
 * (iNaturalist 2018 has 8,142) is kept in rather than one comma-separated property; a label may then hold a
 * comma.
 */
public final class ClassListFile {
    private ClassListFile() {}

    /** A file that cannot be read as a class list; the message names the line where there is one. */
    public static final class BadClassListException extends Exception {
        private static final long serialVersionUID = 1L;

        BadClassListException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The labels of the file, in order.
     *
     * @throws BadClassListException when the file cannot be read, is not UTF-8, holds no label or holds one
     *                               label twice
     */
    public static List<String> read(Path file) throws BadClassListException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadClassListException("no such file; give the path of a file of labels, one per line", e);
        } catch (IOException e) {
            throw new BadClassListException("cannot read it (" + e + "); give a readable file of labels", e);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder(); // reports malformed input, never replaces it
        List<String> labels = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        int lineNumber = 0;
        for (int from = 0; from < bytes.length; ) {
            int end = from;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNumber++;
            String label = decode(utf8, bytes, from, end - from, lineNumber).strip();
            from = end + 1;
            if (lineNumber == 1 && label.startsWith("\uFEFF")) {
                label = label.substring(1).strip(); // a byte-order mark some editors write
            }
            if (label.isEmpty() || label.startsWith("#")) {
                continue;
            }
            Integer earlier = firstLine.putIfAbsent(label, lineNumber);
            if (earlier != null) {
                throw new BadClassListException(
                        "line " + lineNumber + ": class label '" + label + "' is listed twice (first on line " + earlier
                                + "); each line must name another class",
                        null);
            }
            labels.add(label);
        }
        if (labels.isEmpty()) {
            throw new BadClassListException(
                    "it holds no class label (" + lineNumber
                            + " lines, all blank or # comments); write one label per line",
                    null);
        }
        return labels;
    }

    private static String decode(CharsetDecoder utf8, byte[] bytes, int from, int length, int lineNumber)
            throws BadClassListException {
        try {
            return utf8.decode(ByteBuffer.wrap(bytes, from, length)).toString();
        } catch (CharacterCodingException e) {
            throw new BadClassListException("line " + lineNumber + " is not UTF-8 text; save the file as UTF-8", e);
        }
    }
}
