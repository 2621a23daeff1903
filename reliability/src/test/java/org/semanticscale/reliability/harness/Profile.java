package org.semanticscale.reliability.harness;

import java.time.Duration;

/**
 * Short (mvn verify, a few minutes on two cores) or soak ({@code -Psoak}: more records, more kills,
 * and the long soak), from the system property {@code ssi.reliability.profile}.
 */
public final class Profile {
    private Profile() {}

    public static String name() {
        return System.getProperty("ssi.reliability.profile", "short");
    }

    public static boolean soak() {
        return name().equals("soak");
    }

    /** {@code shortValue} in CI, {@code soakValue} under -Psoak. */
    public static int pick(int shortValue, int soakValue) {
        return soak() ? soakValue : shortValue;
    }

    /** How long the soak runs: {@code ssi.reliability.soak.duration} as 30m, 90s, 2h (default 30m). */
    public static Duration soakDuration() {
        String s = System.getProperty("ssi.reliability.soak.duration", "30m").trim();
        long n = Long.parseLong(s.substring(0, s.length() - 1));
        return switch (s.charAt(s.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default ->
                throw new IllegalArgumentException("ssi.reliability.soak.duration: expected 90s, 30m or 2h, got " + s);
        };
    }
}
