package org.semanticscale.volume;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses how volumes are computed, once per JVM, from {@code -Dssi.volume.kernel}:
 *
 * <ul>
 *   <li>{@code auto} (the default): the Java kernel below the sizes where OpenBLAS wins, OpenBLAS
 *       ({@link BlasVolume}) above them when its optional jars are on the class path and its natives
 *       load; the Java kernel is the Vector API one when the JVM was started with {@code --add-modules
 *       jdk.incubator.vector} (the launcher, the tests and the images do), the scalar one otherwise;
 *   <li>{@code vector} or {@code scalar}: that Java kernel at every size, OpenBLAS never loaded;
 *   <li>{@code blas}: OpenBLAS at every size (for tests and benchmarks), the Java kernel for the
 *       running scatters' rank-1 updates.
 * </ul>
 *
 * <p>OpenBLAS is loaded at the first volume that needs it, so a JVM that only updates small windows
 * never loads it.
 */
final class GramKernels {
    static final String KERNEL_PROPERTY = Volume.KERNEL_PROPERTY;

    /**
     * Gram matrices of at least this many multiply-adds ({@code rows * n^2 / 2}, n the smaller side)
     * go to {@code cblas_dsyrk} under {@code auto}: below it the Java kernel is as fast and pays no
     * off-heap copy (docs/benchmarks.md, 'Crossover').
     */
    static final long BLAS_GRAM_WORK = 1L << 23;

    /**
     * Matrices of at least this order are factored by {@code dpotrf} under {@code auto}; smaller ones,
     * among them every d = 64 window of the streams-app, by the Java Cholesky.
     */
    static final int BLAS_CHOLESKY_ORDER = 128;

    private static final String WANTED = System.getProperty(KERNEL_PROPERTY, "auto");
    private static final GramKernel SELECTED = select();

    private GramKernels() {}

    static GramKernel selected() {
        return SELECTED;
    }

    static GramKernel scalar() {
        return new ScalarGramKernel();
    }

    /** OpenBLAS when it forms the Gram matrix of m samples of dimension d (m >= 2, d >= 1), else null. */
    static BlasVolume blasForGram(int m, int d) {
        long n = Math.min(m, d);
        long rows = Math.max(m, d);
        return wants(rows * n * n / 2 >= BLAS_GRAM_WORK) ? Blas.LOADED : null;
    }

    /** OpenBLAS when volumes above the crossovers use it (loading it now), else null. */
    static BlasVolume blasAboveCrossover() {
        return wants(true) ? Blas.LOADED : null;
    }

    /** OpenBLAS when it factors a matrix of order n, else null. */
    static BlasVolume blasForCholesky(int n) {
        return wants(n >= BLAS_CHOLESKY_ORDER) ? Blas.LOADED : null;
    }

    /** What computes a volume of m samples of dimension d, for logs, benchmarks and tests. */
    static String describe(int m, int d) {
        BlasVolume blas = blasForGram(m, d);
        return blas == null ? SELECTED.name() : "blas-" + blas.threads() + "threads";
    }

    private static boolean wants(boolean aboveCrossover) {
        return switch (WANTED) {
            case "blas" -> true;
            case "auto" -> aboveCrossover;
            default -> false;
        };
    }

    private static GramKernel select() {
        boolean vectorModule =
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!"scalar".equals(WANTED) && vectorModule) {
            try {
                return new VectorGramKernel();
            } catch (LinkageError | RuntimeException e) {
                log().warn("Vector API kernel unavailable ({}); using the scalar one", e.toString());
            }
        } else if ("vector".equals(WANTED)) {
            log().warn(
                            "-D{}=vector needs --add-modules jdk.incubator.vector; using the scalar kernel",
                            KERNEL_PROPERTY);
        }
        return new ScalarGramKernel();
    }

    private static Logger log() {
        return LoggerFactory.getLogger(GramKernels.class);
    }

    /** Loads OpenBLAS at its first use; null when it cannot be loaded (the Java kernel serves then). */
    private static final class Blas {
        static final BlasVolume LOADED = load();

        private static BlasVolume load() {
            try {
                return BlasVolume.load();
            } catch (NoClassDefFoundError e) {
                // The optional org.bytedeco jars are not on the class path: by design in apps without them.
                if ("blas".equals(WANTED)) {
                    log().warn(
                                    "-D{}=blas needs org.bytedeco:openblas on the class path; using the {} kernel",
                                    KERNEL_PROPERTY,
                                    SELECTED.name());
                }
                return null;
            } catch (LinkageError | RuntimeException e) {
                log().warn(
                                "OpenBLAS cannot be loaded ({}); volumes use the {} kernel at every size",
                                e.toString(),
                                SELECTED.name());
                return null;
            }
        }
    }
}
