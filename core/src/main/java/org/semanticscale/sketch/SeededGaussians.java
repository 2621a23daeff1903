package org.semanticscale.sketch;

import java.util.SplittableRandom;

/**
 * Standard normal numbers that are the same in every process and on every JVM for one seed.
 *
 * <p>The bits come from {@link SplittableRandom#nextLong()} (SplitMix64: a Weyl sequence with the golden gamma
 * through the variant-13 finalizer, whose constants the JDK documents and {@code SeededGaussiansTest} pins). They
 * are turned into normals here by Box-Muller with {@link StrictMath}, not by the JDK's {@code nextGaussian}, whose
 * algorithm no specification fixes, nor by {@link Math}, whose {@code log} and {@code cos} may differ by an ulp
 * between platforms:
 *
 * <pre>  u1, u2 uniform in [0, 1);  r = sqrt(-2 ln(1 - u1));  z0 = r cos(2 pi u2),  z1 = r sin(2 pi u2)</pre>
 */
final class SeededGaussians {
    /** 2^-53: a 53-bit integer times this is a uniform double in [0, 1). */
    private static final double UNIT = 0x1.0p-53;

    private final SplittableRandom bits;
    private double spare;
    private boolean hasSpare;

    SeededGaussians(long seed) {
        this.bits = new SplittableRandom(seed);
    }

    /** A uniform double in [0, 1) from the top 53 bits of the next long. */
    double nextUniform() {
        return (bits.nextLong() >>> 11) * UNIT;
    }

    /** The next standard normal (Box-Muller; each pair of uniforms gives two). */
    double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double r = StrictMath.sqrt(-2 * StrictMath.log(1 - nextUniform()));
        double angle = 2 * StrictMath.PI * nextUniform();
        spare = r * StrictMath.sin(angle);
        hasSpare = true;
        return r * StrictMath.cos(angle);
    }
}
