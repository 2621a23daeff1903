package org.semanticscale.trainer.train;

/**
 * System properties DJL reads once, when its engine first loads: set them before anything touches
 * {@code Engine}. The launcher and the test runners set them too; this covers embedding code that
 * did not (the demo, an IDE run).
 */
public final class DjlEnvironment {
    private DjlEnvironment() {}

    /**
     * Offline (never download a native library or model) and no usage tracking, which DJL also reads
     * from a system property; one intra-op thread unless the JVM was told otherwise, the fastest
     * setting for one small model on a small machine.
     */
    public static void prepare() {
        System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
    }
}
