package org.semanticscale.scale;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For every eligible class, the sum of the Euclidean distances from its centre to every other eligible
 * centre, {@code sum_j ||o_i - o_j||} (the w_i of docs/semantic-scale.md before its 1/(C-1)), kept from one
 * call of {@link #sums} to the next. Each call is given all classes as they are now; only what changed since
 * the last call is paid for:
 *
 * <ul>
 *   <li>a class that left (or became ineligible): every other sum loses its distance to it, O(C d);
 *   <li>a class that arrived (or became eligible): every other sum gains its distance to it and its own sum
 *       is those distances added up, O(C d);
 *   <li>a class whose centre moved: every other sum gains the new distance and loses the old one, and its own
 *       sum is the new distances added up, O(2 C d).
 * </ul>
 *
 * <p>From scratch is {@code C (C - 1) / 2} distances; the call takes the cheaper of the two, so when most
 * classes changed (a restart, the first call) it rebuilds. Centres are compared exactly with the last ones
 * given (C d comparisons), so a class re-sent unchanged costs nothing and the result depends only on the
 * centres given, not on which the caller thinks changed.
 *
 * <p>Drift: every sum is a Neumaier-compensated sum (a running sum and the rounding errors of its
 * additions), the new and the old distance added as two terms, so a centre that moves far and back cancels
 * without leaving the rounding of the far distance behind; its error is within about 2 eps of the sum plus
 * n eps^2 times the terms added since the last rebuild. A rebuild from scratch at least every
 * {@value #REBUILD_EVERY} x C changes bounds n (about 6 % more work, amortised, than the changes alone).
 */
public final class CentreDistanceSums {
    private static final EuclideanDistance DISTANCE = EuclideanDistance.best();

    /** Changes, as a multiple of the classes held, after which the sums are rebuilt from scratch anyway. */
    static final int REBUILD_EVERY = 4;

    private final Map<String, Integer> slotOf = new HashMap<>();
    /** Live classes occupy slots 0 .. count-1 (a removal moves the last slot into the hole). */
    private String[] labels = new String[16];
    /** Centres, row-major: slot s at [s*d, (s+1)*d). */
    private double[] centres = new double[0];
    /** sum + compensation of each slot. */
    private double[] sum = new double[16];

    private double[] compensation = new double[16];
    /** Call number at which each slot was last given (to find the classes that left). */
    private long[] seen = new long[16];

    private int count;
    private int dimension = -1;
    private long call;
    private long changesSinceRebuild;
    private long rebuilds;

    /**
     * Brings the sums to these classes, dropping those not given or not eligible, and returns each class's
     * sum of distances to the other eligible centres, in the order given (0 for an ineligible class).
     *
     * @throws IllegalArgumentException when two eligible classes have different dimensions, or a label
     *     appears twice; nothing is changed then
     */
    public double[] sums(List<ClassSummary> classes, boolean[] eligible) {
        int d = checkedDimension(classes, eligible);
        call++;
        // What changed: new classes and moved centres, in the order given; then the classes that left.
        int[] changed = new int[classes.size()];
        int changes = 0;
        int moves = 0;
        Set<String> arriving = null;
        for (int i = 0; i < classes.size(); i++) {
            if (!eligible[i]) {
                continue;
            }
            Integer slot = slotOf.get(classes.get(i).label());
            if (slot == null) {
                if (arriving == null) {
                    arriving = new HashSet<>();
                }
                if (!arriving.add(classes.get(i).label())) {
                    throw twice(classes.get(i).label());
                }
                changed[changes++] = i;
            } else {
                if (seen[slot] == call) {
                    // The marks of this call are ignored by the next one, so nothing has changed.
                    throw twice(classes.get(i).label());
                }
                seen[slot] = call;
                if (d != dimension || !sameCentre(slot, classes.get(i).mean())) {
                    changed[changes++] = i;
                    moves++;
                }
            }
        }
        int removals = 0;
        for (int s = 0; s < count; s++) {
            removals += seen[s] == call ? 0 : 1;
        }
        int after = count - removals + changes - moves;
        // Distances each way: 2 per other class for a move, 1 for an arrival or a departure.
        long incremental = (long) after * (changes + moves + removals);
        long fromScratch = (long) after * (after - 1) / 2;
        changesSinceRebuild += changes + removals;
        if (d != dimension || incremental >= fromScratch || changesSinceRebuild > (long) REBUILD_EVERY * after) {
            rebuild(classes, eligible, d);
        } else {
            removeUnseen();
            for (int k = 0; k < changes; k++) {
                ClassSummary c = classes.get(changed[k]);
                Integer slot = slotOf.get(c.label());
                if (slot == null) {
                    add(c.label(), c.mean());
                } else {
                    move(slot, c.mean());
                }
            }
        }
        double[] out = new double[classes.size()];
        for (int i = 0; i < out.length; i++) {
            if (eligible[i]) {
                int s = slotOf.get(classes.get(i).label());
                out[i] = sum[s] + compensation[s];
            }
        }
        return out;
    }

    private static IllegalArgumentException twice(String label) {
        return new IllegalArgumentException("class " + label + " is given twice: labels must be unique");
    }

    /** Rebuilds from scratch so far (a figure for tests and benchmarks). */
    public long rebuilds() {
        return rebuilds;
    }

    /** The common dimension of the eligible centres (that of the held ones when none is eligible). */
    private int checkedDimension(List<ClassSummary> classes, boolean[] eligible) {
        String first = null;
        int d = dimension;
        for (int i = 0; i < classes.size(); i++) {
            if (!eligible[i]) {
                continue;
            }
            ClassSummary c = classes.get(i);
            if (first == null) {
                first = c.label();
                d = c.mean().length;
            } else if (c.mean().length != d) {
                throw new IllegalArgumentException("classes " + first + " and " + c.label()
                        + " have different dimensions: " + d + " and " + c.mean().length);
            }
        }
        return d;
    }

    private boolean sameCentre(int slot, double[] centre) {
        int d = dimension;
        return Arrays.equals(centres, slot * d, slot * d + d, centre, 0, d);
    }

    /** Every sum from scratch, the pairs in the order given: C (C - 1) / 2 distances. */
    private void rebuild(List<ClassSummary> classes, boolean[] eligible, int d) {
        slotOf.clear();
        Arrays.fill(labels, null);
        count = 0;
        dimension = d;
        for (int i = 0; i < classes.size(); i++) {
            if (eligible[i]) {
                int s = newSlot(classes.get(i).label(), classes.get(i).mean());
                sum[s] = compensation[s] = 0;
                seen[s] = call;
            }
        }
        for (int i = 0; i < count; i++) {
            for (int j = i + 1; j < count; j++) {
                double distance = distance(i, centres, j * d);
                addTo(i, distance);
                addTo(j, distance);
            }
        }
        changesSinceRebuild = 0;
        rebuilds++;
    }

    private void removeUnseen() {
        for (int s = count - 1; s >= 0; s--) {
            if (seen[s] != call) {
                remove(s);
            }
        }
    }

    /** A class leaves: every other sum loses its distance to it; the last slot fills its place. */
    private void remove(int slot) {
        int d = dimension;
        for (int j = 0; j < count; j++) {
            if (j != slot) {
                addTo(j, -distance(j, centres, slot * d));
            }
        }
        slotOf.remove(labels[slot]);
        int last = --count;
        if (slot != last) {
            labels[slot] = labels[last];
            System.arraycopy(centres, last * d, centres, slot * d, d);
            sum[slot] = sum[last];
            compensation[slot] = compensation[last];
            seen[slot] = seen[last];
            slotOf.put(labels[slot], slot);
        }
        labels[last] = null;
    }

    /** A class arrives: every other sum gains its distance to it, and its own sum is those distances. */
    private void add(String label, double[] centre) {
        int slot = newSlot(label, centre);
        sum[slot] = compensation[slot] = 0;
        seen[slot] = call;
        int d = dimension;
        for (int j = 0; j < slot; j++) {
            double distance = distance(j, centres, slot * d);
            addTo(j, distance);
            addTo(slot, distance);
        }
    }

    /** A centre moves: every other sum gains the new distance and loses the old; its own sum starts afresh. */
    private void move(int slot, double[] centre) {
        int d = dimension;
        sum[slot] = compensation[slot] = 0;
        for (int j = 0; j < count; j++) {
            if (j == slot) {
                continue;
            }
            double now = distance(j, centre, 0);
            addTo(j, now);
            addTo(j, -distance(j, centres, slot * d));
            addTo(slot, now);
        }
        System.arraycopy(centre, 0, centres, slot * d, d);
    }

    private int newSlot(String label, double[] centre) {
        int d = dimension;
        if (count == labels.length) {
            int capacity = 2 * count;
            labels = Arrays.copyOf(labels, capacity);
            sum = Arrays.copyOf(sum, capacity);
            compensation = Arrays.copyOf(compensation, capacity);
            seen = Arrays.copyOf(seen, capacity);
        }
        if (centres.length < labels.length * d) {
            centres = Arrays.copyOf(centres, labels.length * d);
        }
        int slot = count++;
        labels[slot] = label;
        System.arraycopy(centre, 0, centres, slot * d, d);
        slotOf.put(label, slot);
        return slot;
    }

    /** ||o_slot - b[offset .. offset+d)||. */
    private double distance(int slot, double[] b, int offset) {
        return DISTANCE.between(centres, slot * dimension, b, offset, dimension);
    }

    /** Neumaier's compensated addition: the rounding error of each addition is kept apart and added back on read. */
    private void addTo(int slot, double term) {
        double s = sum[slot];
        double t = s + term;
        compensation[slot] += Math.abs(s) >= Math.abs(term) ? (s - t) + term : (term - t) + s;
        sum[slot] = t;
    }
}
