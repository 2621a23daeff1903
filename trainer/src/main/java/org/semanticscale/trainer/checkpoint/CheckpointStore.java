package org.semanticscale.trainer.checkpoint;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints on disk, one directory per checkpoint: {@code step-000000001200/} holding
 * {@value #METADATA} and whatever the model writes (parameters, optimizer state).
 *
 * <p>Writes are atomic: everything goes to a hidden temporary directory, is flushed to disk, and
 * the directory is renamed into place in one step. A crash mid-write leaves a temporary directory
 * (removed at the next start), never a half checkpoint. The newest {@code keep} are kept; loading
 * falls back to an older one if the newest cannot be read.
 */
public final class CheckpointStore {
    public static final String METADATA = "checkpoint.properties";
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern NAME = Pattern.compile("step-(\\d{12,})");
    private static final String TEMPORARY_PREFIX = ".tmp-";
    private static final String SET_ASIDE_PREFIX = "set-aside-";
    private static final int FORMAT = 1;

    /** Writes the model's files into a checkpoint directory. */
    @FunctionalInterface
    public interface StateWriter {
        void writeTo(Path dir) throws IOException;
    }

    /** Restores the model from a checkpoint directory, or throws if it cannot. */
    @FunctionalInterface
    public interface StateReader {
        void readFrom(Checkpoint checkpoint, Path dir) throws IOException;
    }

    private final Path root;
    private final int keep;

    public CheckpointStore(Path root, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one checkpoint");
        }
        this.root = root;
        this.keep = keep;
    }

    /** Writes a checkpoint atomically, prunes old ones and returns its directory. */
    public Path write(Checkpoint checkpoint, StateWriter state) throws IOException {
        Files.createDirectories(root);
        Path target = root.resolve(name(checkpoint.step()));
        Path temporary = root.resolve(TEMPORARY_PREFIX + name(checkpoint.step()) + "-" + System.nanoTime());
        Files.createDirectory(temporary);
        try {
            state.writeTo(temporary);
            writeMetadata(checkpoint, temporary.resolve(METADATA));
            try (Stream<Path> files = Files.list(temporary)) {
                for (Path f : files.toList()) {
                    force(f, false);
                }
            }
            if (Files.exists(target)) {
                // The same step again (a stop right after a periodic checkpoint): the newer copy wins.
                deleteRecursively(target);
            }
            move(temporary, target);
            force(root, true);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(temporary);
            throw e;
        }
        prune();
        return target;
    }

    /**
     * Restores the newest readable checkpoint through {@code state}; empty when there is none.
     * One that cannot be read is reported and the next older one tried.
     */
    public Optional<Checkpoint> restoreNewest(StateReader state) throws IOException {
        removeTemporaries();
        for (Path dir : checkpointsNewestFirst()) {
            Checkpoint checkpoint;
            try {
                checkpoint = readMetadata(dir.resolve(METADATA));
            } catch (IOException | RuntimeException e) {
                LOG.error("checkpoint {} is unreadable ({}); trying an older one", dir, e.getMessage());
                continue;
            }
            try {
                state.readFrom(checkpoint, dir);
                return Optional.of(checkpoint);
            } catch (IncompatibleCheckpointException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                LOG.error("checkpoint {} could not be restored ({}); trying an older one", dir, e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Moves every checkpoint into a new {@code set-aside-<time>} folder in the checkpoint directory,
     * where restoring no longer sees them, and returns that folder (empty when there was nothing).
     */
    public Optional<Path> setAside() throws IOException {
        List<Path> all = checkpointsNewestFirst();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Path aside = root.resolve(SET_ASIDE_PREFIX
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").format(LocalDateTime.now()));
        Files.createDirectories(aside);
        for (Path dir : all) {
            move(dir, aside.resolve(dir.getFileName()));
        }
        force(root, true);
        return Optional.of(aside);
    }

    /** Checkpoint directories, newest first. */
    public List<Path> checkpointsNewestFirst() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
            for (Path p : stream) {
                if (Files.isDirectory(p)
                        && NAME.matcher(p.getFileName().toString()).matches()) {
                    dirs.add(p);
                }
            }
        }
        dirs.sort(Comparator.comparingLong(CheckpointStore::stepOf).reversed());
        return dirs;
    }

    static String name(long step) {
        return String.format("step-%012d", step);
    }

    private static long stepOf(Path dir) {
        Matcher m = NAME.matcher(dir.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private void prune() throws IOException {
        List<Path> all = checkpointsNewestFirst();
        for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
            deleteRecursively(old);
        }
    }

    private void removeTemporaries() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root, TEMPORARY_PREFIX + "*")) {
            for (Path p : stream) {
                LOG.warn("removing {}, left by a checkpoint write that did not finish", p);
                deleteRecursively(p);
            }
        }
    }

    private static void writeMetadata(Checkpoint c, Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(FORMAT));
        p.setProperty("step", Long.toString(c.step()));
        p.setProperty("samples.trained", Long.toString(c.samplesTrained()));
        p.setProperty("stage", c.stage());
        p.setProperty("ledger.count", Long.toString(c.ledger().count()));
        p.setProperty("ledger.digest", Long.toHexString(c.ledger().digest()));
        p.setProperty("samples.topic", c.source().topic());
        p.setProperty("samples.topic.id", c.source().topicId());
        p.setProperty("kafka.cluster.id", c.source().clusterId());
        c.nextOffsets().forEach((partition, offset) -> p.setProperty("offset." + partition, Long.toString(offset)));
        p.setProperty(
                "class.counts",
                Arrays.stream(c.classCounts()).mapToObj(Long::toString).collect(Collectors.joining(",")));
        p.setProperty("model", c.model());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "ssi trainer checkpoint");
        }
    }

    static Checkpoint readMetadata(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        if (!Integer.toString(FORMAT).equals(p.getProperty("format"))) {
            throw new IOException("unknown checkpoint format " + p.getProperty("format"));
        }
        TreeMap<Integer, Long> offsets = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("offset.")) {
                offsets.put(Integer.parseInt(key.substring("offset.".length())), Long.parseLong(p.getProperty(key)));
            }
        }
        String counts = required(p, "class.counts");
        long[] classCounts = counts.isEmpty()
                ? new long[0]
                : Arrays.stream(counts.split(",")).mapToLong(Long::parseLong).toArray();
        return new Checkpoint(
                Long.parseLong(required(p, "step")),
                Long.parseLong(required(p, "samples.trained")),
                required(p, "stage"),
                new TrainedLedger(
                        Long.parseLong(required(p, "ledger.count")),
                        Long.parseUnsignedLong(required(p, "ledger.digest"), 16)),
                new SampleSource(
                        p.getProperty("kafka.cluster.id", SampleSource.UNKNOWN),
                        required(p, "samples.topic"),
                        p.getProperty("samples.topic.id", SampleSource.UNKNOWN)),
                offsets,
                classCounts,
                required(p, "model"));
    }

    private static String required(Properties p, String key) throws IOException {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IOException("no '" + key + "' in the checkpoint metadata");
        }
        return v;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(
                    "the file system of " + to.getParent() + " cannot rename atomically; "
                            + "put checkpoint.dir on a local file system",
                    e);
        }
    }

    /** Flushes a file (or a directory's entries, where the platform allows) to disk. */
    private static void force(Path path, boolean directory) throws IOException {
        try (FileChannel ch = FileChannel.open(path, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            if (!directory) {
                throw e;
            }
            // Some platforms cannot open a directory for syncing; the rename is still atomic.
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
