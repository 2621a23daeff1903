package org.semanticscale.volume;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the Gram kernel once per JVM: the Vector API one when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the launcher, the tests and the images do), the scalar
 * one otherwise or when {@code -Dssi.volume.kernel=scalar} asks for it.
 */
final class GramKernels {
    static final String KERNEL_PROPERTY = Volume.KERNEL_PROPERTY;
    private static final GramKernel SELECTED = select();

    private GramKernels() {}

    static GramKernel selected() {
        return SELECTED;
    }

    static GramKernel scalar() {
        return new ScalarGramKernel();
    }

    private static GramKernel select() {
        String wanted = System.getProperty(KERNEL_PROPERTY, "auto");
        boolean vectorModule =
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!"scalar".equals(wanted) && vectorModule) {
            try {
                return new VectorGramKernel();
            } catch (LinkageError | RuntimeException e) {
                log().warn("Vector API kernel unavailable ({}); using the scalar one", e.toString());
            }
        } else if ("vector".equals(wanted)) {
            log().warn(
                            "-D{}=vector needs --add-modules jdk.incubator.vector; using the scalar kernel",
                            KERNEL_PROPERTY);
        }
        return new ScalarGramKernel();
    }

    private static Logger log() {
        return LoggerFactory.getLogger(GramKernels.class);
    }
}
