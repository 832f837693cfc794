package org.snn4j.stdp;

import java.util.Objects;

/**
 * The settings of a {@link DiehlCook} network; {@link #defaults} are the paper's and its reference code's
 * (shared/papers.md §5.8). Times in ms, potentials in mV, conductances relative to the leak conductance.
 *
 * @param neurons         excitatory neurons N
 * @param dtMs            the step (0.5 ms in the paper)
 * @param presentMs       how long a sample is shown (350 ms)
 * @param restMs          the silence after it, in which the state decays (150 ms)
 * @param maxRateHz       the input rate of a white pixel (63.75 Hz: intensity / 4)
 * @param rateStepHz      what a retry adds to a white pixel's rate (31.875 Hz: intensity / 8)
 * @param minSpikes       a presentation with fewer excitatory spikes is shown again at a higher rate (5)
 * @param maxRetries      at most this many such retries per sample
 * @param inhibition      the inhibitory conductance each excitatory spike adds to every other neuron (17)
 * @param thetaPlus       the adaptive threshold's rise per spike (0.05 mV)
 * @param tauThetaMs      its time constant (1e7 ms)
 * @param weightSum       each neuron's input weights are normalised to this sum before every training sample (78)
 * @param initialMax      initial weights are uniform in [0, initialMax) (0.3)
 * @param rule            the learning rule ({@link TripletStdp#diehlCook})
 * @param seed            seed of the initial weights and the Poisson inputs
 * @param lockoutMs       after a spike an excitatory neuron cannot fire for this long ({@link ExcitatoryLayer}; at or
 *                        below the 5 ms refractory period: none)
 * @param eulerConductances the conductances decay by Euler steps as in Brian, else exactly
 * @param thetaRestMv     the level the adaptive threshold θ decays towards, in mV ({@link AdaptiveThreshold}; θ starts
 *                        at 0): −20, the reference code's (its θ starts at 20 mV and decays towards 0, with a 20 mV
 *                        offset in the threshold)
 */
public record DiehlCookConfig(int neurons, double dtMs, double presentMs, double restMs, double maxRateHz, double rateStepHz,
        int minSpikes, int maxRetries, float inhibition, float thetaPlus, double tauThetaMs, float weightSum, float initialMax,
        StdpRule rule, long seed, double lockoutMs, boolean eulerConductances,
        double thetaRestMv) {
    public DiehlCookConfig {
        if (!Double.isFinite(thetaRestMv)) throw new IllegalArgumentException("the threshold's rest level must be finite, was " + thetaRestMv);
        if (!(lockoutMs >= 0)) throw new IllegalArgumentException("lockout must be >= 0 ms, was " + lockoutMs);
        if (neurons < 1) throw new IllegalArgumentException("neurons must be >= 1, was " + neurons);
        if (!(dtMs > 0) || !(presentMs >= dtMs) || !(restMs >= 0)) {
            throw new IllegalArgumentException("need dt > 0, present >= dt, rest >= 0; were " + dtMs + ", " + presentMs + ", " + restMs);
        }
        if (!(maxRateHz >= 0) || !(rateStepHz >= 0) || !(maxRateHz * dtMs / 1000 <= 1)) {
            throw new IllegalArgumentException("rates must be >= 0 and at most one spike per step: " + maxRateHz + " Hz at dt " + dtMs);
        }
        if (minSpikes < 0 || maxRetries < 0) throw new IllegalArgumentException("minSpikes and maxRetries must be >= 0");
        if (!(initialMax > 0)) throw new IllegalArgumentException("initialMax must be > 0, was " + initialMax);
        Objects.requireNonNull(rule, "rule");
    }

    /** The paper's network of {@code neurons} excitatory neurons at dt = 0.5 ms, seed 1. */
    public static DiehlCookConfig defaults(int neurons) {
        return builder(neurons).build();
    }

    /** A builder starting from {@link #defaults}, for settings that differ from the paper's in a few fields. */
    public static Builder builder(int neurons) {
        return new Builder(neurons);
    }

    /** Settings that start as the paper's; each setter replaces one field, {@link #build} checks them all. */
    public static final class Builder {
        private final int neurons;
        private double dtMs = 0.5;
        private long seed = 1;
        private double lockoutMs;
        private boolean eulerConductances;
        private double thetaRestMv = -20;

        private Builder(int neurons) {
            this.neurons = neurons;
        }

        /** The step, in ms. */
        public Builder dt(double ms) {
            dtMs = ms;
            return this;
        }

        /** The seed of the initial weights and the Poisson inputs. */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /** The lock-out after a spike, in ms. */
        public Builder lockout(double ms) {
            lockoutMs = ms;
            return this;
        }

        /** Euler-stepped (true) or exactly decaying (false) conductances. */
        public Builder eulerConductances(boolean euler) {
            eulerConductances = euler;
            return this;
        }

        /** The rest level of the adaptive threshold, in mV. */
        public Builder thetaRest(double mv) {
            thetaRestMv = mv;
            return this;
        }

        /** The settings, checked. */
        public DiehlCookConfig build() {
            return new DiehlCookConfig(neurons, dtMs, 350, 150, 63.75, 31.875, 5, 5, 17f, 0.05f, 1e7, 78f, 0.3f,
                    TripletStdp.diehlCook(), seed, lockoutMs, eulerConductances, thetaRestMv);
        }
    }

    /** Steps of one presentation. */
    public int presentSteps() {
        return (int) Math.round(presentMs / dtMs);
    }

    /** Steps of one rest. */
    public int restSteps() {
        return (int) Math.round(restMs / dtMs);
    }
}
