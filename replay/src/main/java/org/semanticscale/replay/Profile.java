package org.semanticscale.replay;

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
 *       fractions FROM and TO (default 1) of the stream: it starves, the case alerts exist for.</li>
 * </ul>
 */
public sealed interface Profile {

    /** Samples per class, given how many each class has available (both in label order). */
    long[] counts(List<String> labels, long[] available);

    /** Whether the sample of class {@code label} at position {@code index} of {@code total} in the stream is sent. */
    default boolean sends(String label, long index, long total) {
        return true;
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
            if (!(from >= 0 && from < to && to <= 1)) {
                throw new IllegalArgumentException("drift needs 0 <= FROM < TO <= 1, got " + from + " and " + to);
            }
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
            double at = (double) index / total;
            return at >= from && at < to;
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
                    throw new IllegalArgumentException("drift needs BASE/LABEL[@FROM[-TO]]");
                }
                String label = at > slash ? rest.substring(slash + 1, at) : rest.substring(slash + 1);
                double from = 0.5;
                double to = 1;
                if (at > slash) {
                    String[] range = rest.substring(at + 1).split("-");
                    from = Double.parseDouble(range[0]);
                    to = range.length > 1 ? Double.parseDouble(range[1]) : 1;
                }
                return new Drift(parse(rest.substring(0, slash)), label, from, to);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in profile '" + spec + "': " + e.getMessage());
        }
        throw new IllegalArgumentException("unknown profile '" + spec
                + "': use balanced, exp:IF, counts:n0,n1,... or drift:BASE/LABEL[@FROM[-TO]]");
    }
}
