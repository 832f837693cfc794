package org.snn4j.convert;

/**
 * The distribution of one layer's positive activations, kept in logarithmic bins so that percentiles
 * of any number of values come from a fixed, small memory (a deep ResNet has a hundred layers of
 * thousands of activations per sample; keeping them all to sort would take gigabytes).
 *
 * <p>Bins cover [2^−40, 2^40) with a given number of bins per octave b ({@value #FINE} per layer: a
 * percentile is exact to a relative 2^(1/256) − 1 ≈ 0.27%; {@value #COARSE} per channel, ≈ 4.4%, so that
 * a hundred layers of channels fit in a few megabytes); the maximum is tracked exactly. Zeros (and negatives) are counted
 * apart: the statistics are those of the non-zero activations (Rueckauer et al.'s normalization).
 */
final class ActivationHistogram implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final int FINE = 256, COARSE = 16;
    private static final int MIN_EXPONENT = -40, OCTAVES = 80;
    private final int binsPerOctave;
    private final long[] counts;
    private long positives, zeros;
    private float max;

    /** @param binsPerOctave {@link #FINE} or {@link #COARSE} */
    ActivationHistogram(int binsPerOctave) {
        this.binsPerOctave = binsPerOctave;
        this.counts = new long[OCTAVES * binsPerOctave];
    }

    void add(float[] values) {
        add(values, 0, values.length);
    }

    /** Adds {@code values[from..to)}. */
    void add(float[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            float v = values[i];
            if (!(v > 0)) {
                zeros++;
                continue;
            }
            if (v > max) max = v;
            counts[bin(v)]++;
            positives++;
        }
    }

    /**
     * Adds the values {@code o} counted (of the same bins per octave): bins and counts add, the maximum is the
     * larger, so histograms of parts of a set merge into exactly the histogram of the whole set.
     */
    void add(ActivationHistogram o) {
        if (o.binsPerOctave != binsPerOctave) throw new IllegalArgumentException("bins per octave " + o.binsPerOctave + " != " + binsPerOctave);
        for (int b = 0; b < counts.length; b++) counts[b] += o.counts[b];
        positives += o.positives;
        zeros += o.zeros;
        max = Math.max(max, o.max);
    }

    private int bin(float v) {
        double position = (Math.log(v) / Math.log(2) - MIN_EXPONENT) * binsPerOctave;
        return (int) Math.max(0, Math.min(counts.length - 1, Math.floor(position)));
    }

    /** Fraction of the values that were zero (or negative). */
    double zeroFraction() {
        long all = positives + zeros;
        return all == 0 ? 0 : (double) zeros / all;
    }

    /** The largest value seen (0 when none was positive). */
    float max() {
        return max;
    }

    /**
     * The {@code p}-th percentile (0 &lt; p ≤ 100) of the positive values: the exact maximum for 100,
     * otherwise the geometric centre of the bin where the cumulative count reaches p%, capped at the
     * maximum; 0 when no value was positive.
     */
    float percentile(double p) {
        if (!(p > 0 && p <= 100)) throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        if (positives == 0) return 0f;
        if (p == 100) return max;
        long rank = (long) Math.ceil(p / 100 * positives);
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen >= rank) {
                double centre = Math.pow(2, MIN_EXPONENT + (b + 0.5) / binsPerOctave);
                return (float) Math.min(centre, max);
            }
        }
        return max;
    }
}
