package org.snn4j.tensor;

import java.util.SplittableRandom;

/**
 * A seedable random stream (SplittableRandom underneath) with the draws the library needs.
 * Not thread-safe: give each thread its own stream with {@link #split()}.
 */
public final class Rng {
    private final SplittableRandom random;

    public Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    private Rng(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream derived from this one (advances this stream). */
    public Rng split() {
        return new Rng(random.split());
    }

    /** Uniform in [0, 1). */
    public float nextFloat() {
        return (float) ((random.nextLong() >>> 40) * 0x1.0p-24);
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public long nextLong() {
        return random.nextLong();
    }

    /** Standard normal (Marsaglia polar method). */
    public double nextGaussian() {
        double u, v, s;
        do {
            u = random.nextDouble() * 2 - 1;
            v = random.nextDouble() * 2 - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** Fills {@code a} with N(0, std²) values. */
    public void fillGaussian(float[] a, double std) {
        for (int i = 0; i < a.length; i++) a[i] = (float) (nextGaussian() * std);
    }

    /** Fills {@code a} with uniform values in [lo, hi). */
    public void fillUniform(float[] a, float lo, float hi) {
        for (int i = 0; i < a.length; i++) a[i] = lo + (hi - lo) * nextFloat();
    }

    /** Shuffles {@code a} in place (Fisher–Yates). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
