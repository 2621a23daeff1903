package org.semanticscale.window;

import org.semanticscale.volume.Volume;

/**
 * The running scatter of a FIFO window kept as two halves: arrival k (counting from 0) goes to the even
 * half when k is even and to the odd half otherwise. Each record still costs one (deferred) update of one
 * {@link RunningScatter}; the whole window's scatter is their exact combination (Chan, Golub and LeVeque's
 * pairwise formula),
 *
 * <pre>
 *   S = S_e + S_o + (n_e n_o / n) (m_e - m_o)(m_e - m_o)^T,     m = (n_e m_e + n_o m_o) / n
 * </pre>
 *
 * formed only when a volume is read. The halves give the saturation gain (docs/semantic-scale.md,
 * 'Saturation'): how much of the window's volume half of its data already spans.
 *
 * <p>{@link #revert} takes back the oldest vector held, as a FIFO window evicts: its arrival number is
 * {@code arrivals - count}, so its half follows without storing anything per vector.
 */
public final class HalvedScatter implements WindowStatistic {
    private final RunningScatter even;
    private final RunningScatter odd;
    /** Arrival number of the next vector: every vector ever added, including those reverted since. */
    private long arrivals;

    public HalvedScatter(int dimension) {
        this(dimension, 0);
    }

    /**
     * An empty statistic whose next vector is arrival number {@code nextArrival}: a window rebuilt from
     * storage continues the halves the live window had.
     */
    public HalvedScatter(int dimension, long nextArrival) {
        if (nextArrival < 0) {
            throw new IllegalArgumentException("arrival numbers start at 0, was " + nextArrival);
        }
        this.even = new RunningScatter(dimension);
        this.odd = new RunningScatter(dimension);
        this.arrivals = nextArrival;
    }

    /** Adds the next arrival to its half. */
    @Override
    public void update(float[] x) {
        halfOf(arrivals).update(x);
        arrivals++;
    }

    /** Removes the oldest vector held ({@code x} must be it: a FIFO window's eviction). */
    @Override
    public void revert(float[] x) {
        if (count() == 0) {
            throw new IllegalStateException("cannot revert from an empty statistic");
        }
        halfOf(arrivals - count()).revert(x);
    }

    /**
     * Forgets every vector held; the next update is taken as the arrival the oldest forgotten vector had,
     * so adding the same vectors again in order rebuilds the same halves.
     */
    public void clear() {
        clear(arrivals - count());
    }

    /** Forgets every vector held; the next update is taken as arrival {@code nextArrival}. */
    public void clear(long nextArrival) {
        if (nextArrival < 0) {
            throw new IllegalArgumentException("arrival numbers start at 0, was " + nextArrival);
        }
        arrivals = nextArrival;
        even.clear();
        odd.clear();
    }

    /** Volume of the whole window: the halves' scatters combined. */
    @Override
    public double volume() {
        long n = count();
        int d = dimension();
        double[] s = even.scatter();
        double[] so = odd.scatter();
        for (int i = 0; i < s.length; i++) {
            s[i] += so[i];
        }
        long ne = even.count();
        long no = odd.count();
        if (ne > 0 && no > 0) {
            // S += (n_e n_o / n) (m_e - m_o)(m_e - m_o)^T
            double[] me = even.mean();
            double[] mo = odd.mean();
            double[] delta = new double[d];
            for (int i = 0; i < d; i++) {
                delta[i] = me[i] - mo[i];
            }
            Volume.addScaledOuterUpper(s, d, (double) ne * no / n, delta);
        }
        return Volume.fromScatter(s, d, n);
    }

    /**
     * The volume half of the window spans: the mean of the even and the odd half's volumes, each with its
     * own count ({@code d / n_e} and {@code d / n_o}). NaN below four vectors, when a half holds fewer than
     * two and spans nothing. The mean of both is about four times steadier than one half alone over a
     * sliding window (docs/decisions.md, 'Saturation from two halves of the window').
     */
    public double halfVolume() {
        if (even.count() < 2 || odd.count() < 2) {
            return Double.NaN;
        }
        return (even.volume() + odd.volume()) / 2;
    }

    /** Volume of the even arrivals held. */
    public double evenVolume() {
        return even.volume();
    }

    /** Volume of the odd arrivals held. */
    public double oddVolume() {
        return odd.volume();
    }

    /** Mean of the vectors held (zeros when empty). */
    public double[] mean() {
        long n = count();
        double[] m = new double[dimension()];
        if (n == 0) {
            return m;
        }
        double[] me = even.mean();
        double[] mo = odd.mean();
        double we = (double) even.count() / n;
        double wo = (double) odd.count() / n;
        for (int i = 0; i < m.length; i++) {
            m[i] = we * me[i] + wo * mo[i];
        }
        return m;
    }

    @Override
    public long count() {
        return even.count() + odd.count();
    }

    @Override
    public int dimension() {
        return even.dimension();
    }

    /** Arrival number of the next vector (every vector ever added, plus the starting number). */
    public long arrivals() {
        return arrivals;
    }

    private RunningScatter halfOf(long arrival) {
        return arrival % 2 == 0 ? even : odd;
    }
}
