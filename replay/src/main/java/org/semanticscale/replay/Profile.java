package org.semanticscale.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How many samples of each class a replay sends (classes in label order):
 * <ul>
 *   <li>{@code balanced}: the same number of every class, as many as the smallest class has;</li>
 *   <li>{@code exp:IF}: the exponential long tail (docs/semantic-scale.md, 'Long-tailed profiles'),
 *       {@code n_i = n_max * IF^(-i/(C-1))}, with the largest {@code n_max} every class can supply;</li>
 *   <li>{@code counts:n0,n1,...}: exactly these (e.g. the paper's MNIST-LT-1 and MNIST-LT-2);</li>
 *   <li>{@code drift:BASE/LABEL@FROM[-TO]}: BASE, except that class LABEL gets nothing between the
 *       fractions FROM and TO (default 1) of the stream: it starves, the case alerts exist for;</li>
 *   <li>{@code narrow:BASE/LABEL[+LABEL...]:K[@FROM[-TO]]}: BASE's counts and positions, but every
 *       sample of the listed classes is drawn (with replacement, seeded) from only K of the class's
 *       samples, the K nearest in input space to a seeded anchor of the class; without {@code @} for
 *       the whole stream (a narrow class), with it between those fractions (a semantic collapse): the
 *       counts do not move, the class's diversity does.</li>
 * </ul>
 *
 * <p>Fractions of the stream are positions in BASE's order before any drift holds samples back, so
 * layers compose in either order. BASE is parsed from the right, so it may be any profile, a drift or
 * a narrow among them.
 */
public sealed interface Profile {

    /** Samples per class, given how many each class has available (both in label order). */
    long[] counts(List<String> labels, long[] available);

    /** Whether the sample of class {@code label} at position {@code index} of {@code total} in the stream is sent. */
    default boolean sends(String label, long index, long total) {
        return true;
    }

    /** The narrowings this profile applies to the rows of the stream, innermost first (none by default). */
    default List<Narrow> narrowings() {
        return List.of();
    }

    record Balanced() implements Profile {
        @Override
        public long[] counts(List<String> labels, long[] available) {
            long n = Arrays.stream(available).min().orElse(0);
            long[] out = new long[available.length];
            Arrays.fill(out, n);
            return out;
        }
    }

    /** {@code n_i = n_max * IF^(-i/(C-1))}, rounded down, at least 1. */
    record Exponential(double imbalanceFactor) implements Profile {
        public Exponential {
            if (!(imbalanceFactor >= 1) || Double.isInfinite(imbalanceFactor)) {
                throw new IllegalArgumentException("exp:IF needs an imbalance factor >= 1, got " + imbalanceFactor);
            }
        }

        @Override
        public long[] counts(List<String> labels, long[] available) {
            int c = available.length;
            double[] share = new double[c];
            double nMax = Double.POSITIVE_INFINITY;
            for (int i = 0; i < c; i++) {
                share[i] = c == 1 ? 1 : Math.pow(imbalanceFactor, -(double) i / (c - 1));
                nMax = Math.min(nMax, available[i] / share[i]);
            }
            long[] out = new long[c];
            for (int i = 0; i < c; i++) {
                out[i] = Math.max(1, Math.min(available[i], (long) Math.floor(nMax * share[i] + 1e-9)));
            }
            return out;
        }
    }

    record Counts(long[] wanted) implements Profile {
        @Override
        public long[] counts(List<String> labels, long[] available) {
            if (wanted.length != available.length) {
                throw new IllegalArgumentException(
                        "counts: gives " + wanted.length + " numbers for " + available.length + " classes " + labels);
            }
            for (int i = 0; i < wanted.length; i++) {
                if (wanted[i] < 0 || wanted[i] > available[i]) {
                    throw new IllegalArgumentException("counts: class " + labels.get(i) + " has " + available[i]
                            + " samples, " + wanted[i] + " were asked for");
                }
            }
            return wanted.clone();
        }
    }

    /** BASE, with class {@code label} silent between fractions {@code from} and {@code to} of the stream. */
    record Drift(Profile base, String label, double from, double to) implements Profile {
        public Drift {
            requireStretch("drift", from, to);
        }

        @Override
        public long[] counts(List<String> labels, long[] available) {
            if (!labels.contains(label)) {
                throw new IllegalArgumentException(
                        "drift: class '" + label + "' is not in the data set's classes " + labels);
            }
            return base.counts(labels, available);
        }

        /** The starving class is held back in its stretch; a drift of a drift keeps the inner one's too. */
        @Override
        public boolean sends(String sampleLabel, long index, long total) {
            return !(label.equals(sampleLabel) && starves(index, total)) && base.sends(sampleLabel, index, total);
        }

        /** True when position {@code index} of {@code total} falls in the starving stretch. */
        boolean starves(long index, long total) {
            return inStretch(index, total, from, to);
        }

        @Override
        public List<Narrow> narrowings() {
            return base.narrowings();
        }
    }

    /**
     * BASE, with every sample of the classes {@code labels} between fractions {@code from} and
     * {@code to} of the stream drawn from only {@code k} samples of its class: the k nearest to a
     * seeded anchor (the plan draws them, see {@link ReplayPlan}). Counts and positions stay BASE's.
     */
    record Narrow(Profile base, List<String> labels, int k, double from, double to) implements Profile {
        public Narrow {
            if (labels.isEmpty() || labels.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException(
                        "narrow needs at least one class, as LABEL[+LABEL...], got " + labels);
            }
            if (labels.stream().distinct().count() != labels.size()) {
                throw new IllegalArgumentException("narrow lists a class twice: " + labels);
            }
            if (k < 1) {
                throw new IllegalArgumentException("narrow needs K >= 1 samples to draw from, got " + k);
            }
            requireStretch("narrow", from, to);
            labels = List.copyOf(labels);
        }

        @Override
        public long[] counts(List<String> classes, long[] available) {
            for (String label : labels) {
                int c = classes.indexOf(label);
                if (c < 0) {
                    throw new IllegalArgumentException(
                            "narrow: class '" + label + "' is not in the data set's classes " + classes);
                }
                if (k > available[c]) {
                    throw new IllegalArgumentException("narrow: class " + label + " has " + available[c]
                            + " samples, K = " + k + " asks for more; use K <= " + available[c]);
                }
            }
            return base.counts(classes, available);
        }

        @Override
        public boolean sends(String label, long index, long total) {
            return base.sends(label, index, total);
        }

        /** BASE's narrowings, then this one: where two cover the same sample, this one draws it. */
        @Override
        public List<Narrow> narrowings() {
            List<Narrow> out = new ArrayList<>(base.narrowings());
            out.add(this);
            return out;
        }

        /** True when the sample of class {@code label} at position {@code index} of {@code total} is drawn narrowly. */
        boolean narrows(String label, long index, long total) {
            return labels.contains(label) && inStretch(index, total, from, to);
        }
    }

    /** Whether position {@code index} of {@code total} lies in {@code [from, to)} as fractions of the stream. */
    private static boolean inStretch(long index, long total, double from, double to) {
        double at = (double) index / total;
        return at >= from && at < to;
    }

    private static void requireStretch(String profile, double from, double to) {
        if (!(from >= 0 && from < to && to <= 1)) {
            throw new IllegalArgumentException(profile + " needs 0 <= FROM < TO <= 1, got " + from + " and " + to);
        }
    }

    /** Parses a profile as written on the command line. */
    static Profile parse(String spec) {
        String s = spec.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        try {
            if (lower.equals("balanced")) {
                return new Balanced();
            }
            if (lower.startsWith("exp:")) {
                return new Exponential(Double.parseDouble(s.substring(4)));
            }
            if (lower.startsWith("counts:")) {
                return new Counts(Arrays.stream(s.substring(7).split(","))
                        .map(String::trim)
                        .mapToLong(Long::parseLong)
                        .toArray());
            }
            if (lower.startsWith("drift:")) {
                String rest = s.substring(6);
                int slash = rest.lastIndexOf('/');
                int at = rest.lastIndexOf('@');
                if (slash < 0) {
                    throw new IllegalArgumentException("drift needs BASE/LABEL[@FROM[-TO]], got '" + spec + "'");
                }
                String label = at > slash ? rest.substring(slash + 1, at) : rest.substring(slash + 1);
                double[] stretch = at > slash ? stretch(rest.substring(at + 1)) : new double[] {0.5, 1};
                return new Drift(parse(rest.substring(0, slash)), label, stretch[0], stretch[1]);
            }
            if (lower.startsWith("narrow:")) {
                // From the right: BASE may hold '/', ':' and '@' of its own (a drift, counts, a narrow).
                String rest = s.substring(7);
                int slash = rest.lastIndexOf('/');
                String tail = rest.substring(slash + 1);
                int colon = tail.lastIndexOf(':');
                if (slash < 0 || colon < 0) {
                    throw new IllegalArgumentException(
                            "narrow needs BASE/LABEL[+LABEL...]:K[@FROM[-TO]], got '" + spec + "'");
                }
                String kAndStretch = tail.substring(colon + 1);
                int at = kAndStretch.indexOf('@');
                int k = Integer.parseInt(at < 0 ? kAndStretch : kAndStretch.substring(0, at));
                double[] stretch = at < 0 ? new double[] {0, 1} : stretch(kAndStretch.substring(at + 1));
                List<String> labels = Arrays.asList(tail.substring(0, colon).split("\\+", -1));
                return new Narrow(parse(rest.substring(0, slash)), labels, k, stretch[0], stretch[1]);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in profile '" + spec + "': " + e.getMessage());
        }
        throw new IllegalArgumentException("unknown profile '" + spec
                + "': use balanced, exp:IF, counts:n0,n1,..., drift:BASE/LABEL[@FROM[-TO]] or"
                + " narrow:BASE/LABEL[+LABEL...]:K[@FROM[-TO]]");
    }

    /** {@code FROM[-TO]} as {from, to}; TO defaults to 1. */
    private static double[] stretch(String range) {
        String[] parts = range.split("-", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("a stretch is FROM[-TO], got '" + range + "'");
        }
        return new double[] {Double.parseDouble(parts[0]), parts.length > 1 ? Double.parseDouble(parts[1]) : 1};
    }
}
