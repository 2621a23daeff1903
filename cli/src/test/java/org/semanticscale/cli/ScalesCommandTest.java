package org.semanticscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticscale.golden.GoldenCases;
import org.semanticscale.golden.GoldenCases.Expected;
import org.semanticscale.golden.GoldenCases.ScaleCase;
import org.semanticscale.record.FeatureVector;
import org.semanticscale.record.JsonRecords;
import org.semanticscale.volume.Volume;

class ScalesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ScaleCase lt10() {
        return GoldenCases.scaleCases().stream()
                .filter(c -> c.name().equals("lt-10-classes"))
                .findFirst()
                .orElseThrow();
    }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static String csvOf(ScaleCase c, boolean header) {
        StringBuilder b = new StringBuilder();
        if (header) {
            b.append("label");
            int d = c.classes().values().iterator().next()[0].length;
            for (int k = 1; k <= d; k++) {
                b.append(",f").append(k);
            }
            b.append('\n');
        }
        c.classes().forEach((label, rows) -> {
            for (float[] row : rows) {
                b.append(label);
                for (float v : row) {
                    b.append(',').append(v);
                }
                b.append('\n');
            }
        });
        return b.toString();
    }

    private static void assertMatchesGolden(ScaleCase c, String json) throws IOException {
        JsonNode array = JSON.readTree(json);
        assertEquals(c.expected().size(), array.size());
        for (JsonNode o : array) {
            List<String> fields = new ArrayList<>();
            o.fieldNames().forEachRemaining(fields::add);
            assertEquals(ScaleFormats.FIELDS, fields, "exactly the documented fields, in order");
            Expected e = c.expected().get(o.get("label").asText());
            assertEquals(e.n(), o.get("n").asLong());
            assertClose(e.volume(), o.get("volume").asDouble());
            assertClose(e.volumeNormalized(), o.get("volumeNormalized").asDouble());
            assertClose(e.distanceWeight(), o.get("distanceWeight").asDouble());
            assertClose(e.scale(), o.get("scale").asDouble());
            assertClose(e.weight(), o.get("weight").asDouble());
            assertTrue(o.get("classBalancedWeight").asDouble() > 0);
        }
    }

    private static void assertClose(double expected, double actual) {
        assertTrue(GoldenCases.close(expected, actual, GoldenCases.FROM_SCRATCH_TOLERANCE), expected + " vs " + actual);
    }

    @Test
    void csvWithHeaderGivesTheGoldenScalesAsJson() throws IOException {
        ScaleCase c = lt10();
        Path csv = write("lt.csv", csvOf(c, true));
        CliRun run = CliRun.of("scales", "--input", csv.toString(), "--output", "json", "--alpha", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertMatchesGolden(c, run.out());
        assertTrue(run.err().contains("read 1394 samples of dimension 16 in 10 classes"), run.err());
    }

    @Test
    void csvWithoutHeaderReadsTheSame() throws IOException {
        ScaleCase c = lt10();
        CliRun run = CliRun.of(
                "scales", "--input", write("plain.csv", csvOf(c, false)).toString(), "--output", "json", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertMatchesGolden(c, run.out());
        assertEquals("", run.err().replaceAll("(?m)^WARNING: Using incubator.*\\R?", ""));
    }

    @Test
    void theCommittedExampleIsTheGoldenLongTailCase() throws IOException {
        Path example = Path.of("..", "examples", "lt-10-classes.csv");
        CliRun run = CliRun.of("scales", "--input", example.toString(), "--output", "json");
        assertEquals(0, run.exitCode(), run.err());
        assertMatchesGolden(lt10(), run.out());
    }

    @Test
    void jsonLinesGiveTheGoldenScales() throws IOException {
        ScaleCase c = lt10();
        StringBuilder b = new StringBuilder();
        c.classes().forEach((label, rows) -> {
            for (float[] row : rows) {
                b.append(JsonRecords.toJson(new FeatureVector(label, row))).append("\n\n");
            }
        });
        CliRun run =
                CliRun.of("scales", "--input", write("lt.jsonl", b.toString()).toString(), "--output", "json");
        assertEquals(0, run.exitCode(), run.err());
        assertMatchesGolden(c, run.out());
    }

    @Test
    void csvOutputHasAHeaderAndOneRowPerClass() throws IOException {
        CliRun run = CliRun.of(
                "scales",
                "--input",
                write("lt.csv", csvOf(lt10(), true)).toString(),
                "--output",
                "csv",
                "--weights",
                "sum-to-classes");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(String.join(",", ScaleFormats.FIELDS), lines[0]);
        assertEquals(11, lines.length);
        double sum = 0;
        for (int i = 1; i < lines.length; i++) {
            sum += Double.parseDouble(lines[i].split(",")[6]);
        }
        assertEquals(10, sum, 1e-9, "sum-to-classes weights add up to C");
    }

    @Test
    void tableNamesEveryClass() throws IOException {
        CliRun run = CliRun.of(
                "scales", "--input", write("lt.csv", csvOf(lt10(), true)).toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("class"), run.out());
        for (String label : lt10().classes().keySet()) {
            assertTrue(run.out().contains("\n" + label + " "), "row for class " + label);
        }
    }

    @Test
    void idxImagesGzippedOrNotGiveTheSampleVolumes() throws IOException {
        // 3 classes of 4x5 images with known pixels: the sample volume is the volume of pixels / 255.
        int count = 30, rows = 4, cols = 5;
        byte[] pixels = new byte[count * rows * cols];
        byte[] labels = new byte[count];
        java.util.Random random = new java.util.Random(8);
        random.nextBytes(pixels);
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 3);
        }
        for (boolean gzip : new boolean[] {false, true}) {
            Path images = dir.resolve("imgs-idx3-ubyte" + (gzip ? ".gz" : ""));
            Path labelFile = dir.resolve("lbls-idx1-ubyte" + (gzip ? ".gz" : ""));
            writeIdx(images, 0x803, new int[] {count, rows, cols}, pixels, gzip);
            writeIdx(labelFile, 0x801, new int[] {count}, labels, gzip);
            CliRun run = CliRun.of(
                    "scales", "--input", images.toString(), "--labels", labelFile.toString(), "--output", "json");
            assertEquals(0, run.exitCode(), run.err());
            JsonNode array = JSON.readTree(run.out());
            assertEquals(3, array.size());
            for (JsonNode o : array) {
                int cls = o.get("label").asInt();
                List<float[]> members = new ArrayList<>();
                for (int i = cls; i < count; i += 3) {
                    float[] img = new float[rows * cols];
                    for (int p = 0; p < img.length; p++) {
                        img[p] = (pixels[i * rows * cols + p] & 0xFF) / 255f;
                    }
                    members.add(img);
                }
                assertEquals(10, o.get("n").asInt());
                assertClose(
                        Volume.ofRows(members.toArray(new float[0][])),
                        o.get("volume").asDouble());
            }
        }
    }

    private static void writeIdx(Path file, int magic, int[] header, byte[] body, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream maybeZipped = gzip ? new GZIPOutputStream(raw) : raw;
                DataOutputStream out = new DataOutputStream(maybeZipped)) {
            out.writeInt(magic);
            for (int h : header) {
                out.writeInt(h);
            }
            out.write(body);
        }
    }

    // ---- bad input: exit status 2, a message naming the file and line, nothing on standard output ----

    private CliRun badRun(String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(ScalesCommand.EXIT_BAD_INPUT, run.exitCode(), run.err());
        assertEquals("", run.out(), "nothing partial may be printed as a result");
        return run;
    }

    private void assertBadCsv(String content, String expectedInMessage) throws IOException {
        Path f = write("bad.csv", content);
        CliRun run = badRun("scales", "--input", f.toString());
        assertTrue(run.err().contains(f + ":" + expectedInMessage), run.err());
    }

    @Test
    void badCsvLinesAreNamed() throws IOException {
        assertBadCsv("label,a,b\n0,1,2\n1,3,x\n", "3: feature 2 is not a number: 'x'");
        assertBadCsv("0,1,2\n0,1\n", "2: 1 features where earlier rows have 2");
        assertBadCsv("0,1,2\n0,NaN,1\n", "2: feature 1 is not finite");
        assertBadCsv("0,1,2\n1,1,Infinity\n", "2: feature 2 is not finite");
        assertBadCsv("0,1,2\n,1,2\n", "2: the label (first field) is empty");
        assertBadCsv("0,1,2\n7\n", "2: a label but no features");
        assertBadCsv("0,1,2\n1,\"2,3\n", "");
    }

    @Test
    void emptyFilesAreRefused() throws IOException {
        Path f = write("empty.csv", "label,a\n");
        assertTrue(badRun("scales", "--input", f.toString()).err().contains("no data rows"));
    }

    @Test
    void badJsonLinesAreNamed() throws IOException {
        Path f = write(
                "bad.jsonl", "{\"label\": \"a\", \"features\": [1, 2]}\n{\"label\": \"a\", \"features\": [1, NaN]}\n");
        CliRun run = badRun("scales", "--input", f.toString());
        assertTrue(run.err().contains(f + ":2: non-finite"), run.err());
        Path g = write(
                "bad2.jsonl", "{\"label\": \"a\", \"features\": [1, 2]}\n{\"label\": \"b\", \"features\": [1]}\n");
        assertTrue(badRun("scales", "--input", g.toString())
                .err()
                .contains(g + ":2: 1 features where earlier lines have 2"));
        Path h = write("bad3.jsonl", "{\"label\": \"a\", \"features\": [1, 2]}\n{oops\n");
        assertTrue(badRun("scales", "--input", h.toString()).err().contains(h + ":2: unreadable"));
    }

    @Test
    void badIdxFilesAreNamed() throws IOException {
        Path images = dir.resolve("x-idx3-ubyte");
        Path labels = dir.resolve("x-idx1-ubyte");
        writeIdx(labels, 0x801, new int[] {2}, new byte[] {0, 1}, false);
        writeIdx(images, 0x803, new int[] {3, 2, 2}, new byte[12], false);
        assertTrue(badRun("scales", "--input", images.toString(), "--labels", labels.toString())
                .err()
                .contains("3 images but " + labels + " holds 2 labels"));
        writeIdx(images, 0x803, new int[] {2, 2, 2}, new byte[5], false);
        assertTrue(badRun("scales", "--input", images.toString(), "--labels", labels.toString())
                .err()
                .contains(images + ": ends after 1 of 2 images"));
        writeIdx(images, 0x801, new int[] {2, 2, 2}, new byte[8], false);
        assertTrue(badRun("scales", "--input", images.toString(), "--labels", labels.toString())
                .err()
                .contains("not an IDX images file"));
        Files.write(labels, new byte[] {0, 0, 8});
        writeIdx(images, 0x803, new int[] {2, 2, 2}, new byte[8], false);
        assertTrue(badRun("scales", "--input", images.toString(), "--labels", labels.toString())
                .err()
                .contains(labels + ": ends inside the header"));
        writeIdx(labels, 0x801, new int[] {2}, new byte[] {0, 1}, false);
        assertTrue(badRun("scales", "--input", images.toString()).err().contains("need their labels file"));
    }

    @Test
    void missingFilesAndBadOptionsAreUsageErrors() throws IOException {
        assertTrue(badRun("scales", "--input", dir.resolve("nope.csv").toString())
                .err()
                .contains("no such file"));
        Path csv = write("ok.csv", "0,1\n0,2\n1,3\n1,5\n");
        assertTrue(badRun("scales", "--input", csv.toString(), "--alpha", "0.5")
                .err()
                .contains("alpha"));
        assertTrue(
                badRun("scales", "--input", csv.toString(), "--beta", "1").err().contains("beta"));
        assertTrue(badRun("scales", "--input", csv.toString(), "--weights", "sum-to-two")
                .err()
                .contains("sum-to-one"));
        assertTrue(badRun("scales", "--input", csv.toString(), "--output", "xml")
                .err()
                .contains("--output"));
        assertTrue(badRun("scales").err().contains("--input"));
        assertTrue(badRun("scales", "--input", csv.toString(), "--labels", csv.toString(), "--format", "csv")
                .err()
                .contains("only for IDX"));
    }

    @Test
    void l2NormalizeScalesEveryRowToUnitLength() throws IOException {
        Path csv = write("two.csv", "a,3,4\na,0,2\na,1,0\nb,5,5\nb,1,2\n");
        CliRun run = CliRun.of("scales", "--input", csv.toString(), "--l2-normalize", "--output", "json");
        assertEquals(0, run.exitCode(), run.err());
        float[][] a = {{0.6f, 0.8f}, {0f, 1f}, {1f, 0f}};
        assertClose(
                Volume.ofRows(a), JSON.readTree(run.out()).get(0).get("volume").asDouble());
    }

    @Test
    void everyCommandHasHelp() {
        CliRun top = CliRun.of("--help");
        assertEquals(0, top.exitCode());
        assertTrue(top.out().contains("scales"));
        CliRun scales = CliRun.of("scales", "--help");
        assertEquals(0, scales.exitCode());
        for (String option :
                List.of("--input", "--labels", "--alpha", "--weights", "--beta", "--l2-normalize", "--output")) {
            assertTrue(scales.out().contains(option), option);
        }
    }
}
