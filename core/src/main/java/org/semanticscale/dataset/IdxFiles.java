package org.semanticscale.dataset;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The IDX format MNIST and Fashion-MNIST ship in (gzipped or not): an images file of unsigned bytes
 * ({@code ...-idx3-ubyte}, magic 0x00000803, count, rows, columns) and a labels file
 * ({@code ...-idx1-ubyte}, magic 0x00000801, count). Pixels are scaled to [0, 1], as for the paper's
 * sample volume; labels become their decimal text.
 */
public final class IdxFiles {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    /** A pixel byte b as {@code b / 255f}, looked up. */
    private static final float[] PIXEL = new float[256];

    static {
        for (int b = 0; b < PIXEL.length; b++) {
            PIXEL[b] = b / 255f;
        }
    }

    private IdxFiles() {}

    /** Reads an images file and its labels file into rows of rows*columns pixels in [0, 1]. */
    public static LabelledVectors read(Path images, Path labels) throws IOException {
        String[] labelText = readLabels(labels);
        try (DataInputStream in = open(images)) {
            int magic = header(in, images, "magic number");
            if (magic != IMAGES_MAGIC) {
                throw new DatasetFormatException(
                        images,
                        0,
                        String.format(
                                "not an IDX images file (magic 0x%08x, expected 0x%08x for unsigned-byte images)",
                                magic, IMAGES_MAGIC));
            }
            int count = header(in, images, "image count");
            int rows = header(in, images, "row count");
            int cols = header(in, images, "column count");
            if (count < 0 || rows < 1 || cols < 1 || (long) rows * cols > (1 << 24)) {
                throw new DatasetFormatException(
                        images, 0, "implausible header: " + count + " images of " + rows + "x" + cols);
            }
            if (count != labelText.length) {
                throw new DatasetFormatException(
                        images, 0, count + " images but " + labels + " holds " + labelText.length + " labels");
            }
            int pixels = rows * cols;
            // In one read: the inflater fills one array instead of an image at a time.
            byte[] raw = in.readNBytes(Math.multiplyExact(count, pixels));
            if (raw.length < count * pixels) {
                throw new DatasetFormatException(
                        images, 0, "ends after " + raw.length / pixels + " of " + count + " images");
            }
            float[] data = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                data[i] = PIXEL[raw[i] & 0xFF];
            }
            return new LabelledVectors(labelText, data, new int[] {rows, cols});
        }
    }

    private static String[] readLabels(Path labels) throws IOException {
        try (DataInputStream in = open(labels)) {
            int magic = header(in, labels, "magic number");
            if (magic != LABELS_MAGIC) {
                throw new DatasetFormatException(
                        labels,
                        0,
                        String.format("not an IDX labels file (magic 0x%08x, expected 0x%08x)", magic, LABELS_MAGIC));
            }
            int count = header(in, labels, "label count");
            if (count < 0) {
                throw new DatasetFormatException(labels, 0, "negative label count " + count);
            }
            byte[] raw = new byte[count];
            try {
                in.readFully(raw);
            } catch (EOFException e) {
                throw new DatasetFormatException(
                        labels, 0, "holds fewer labels than the " + count + " its header promises");
            }
            String[] out = new String[count];
            for (int i = 0; i < count; i++) {
                out[i] = Integer.toString(raw[i] & 0xFF);
            }
            return out;
        }
    }

    private static int header(DataInputStream in, Path file, String field) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DatasetFormatException(file, 0, "ends inside the header (" + field + ")");
        }
    }

    /** Opens a file, unzipping it when it starts with the gzip magic. */
    static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        InputStream in =
                b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
        return new DataInputStream(in);
    }

    /** True when the file (unzipped if needed) starts with the IDX images magic. */
    public static boolean looksLikeImages(Path file) {
        try (DataInputStream in = open(file)) {
            return in.readInt() == IMAGES_MAGIC;
        } catch (IOException e) {
            return false;
        }
    }
}
