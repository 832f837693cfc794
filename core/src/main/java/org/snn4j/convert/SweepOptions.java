package org.snn4j.convert;

import java.util.List;
import java.util.Objects;
import org.snn4j.Snn4jException;
import org.snn4j.neuron.InitialMembrane;
import org.snn4j.neuron.Reset;

/**
 * What a {@link ConversionSweep} converts and measures: the methods, the time steps, the IF neurons the
 * SNNs get, and the sizes of the calibration and evaluation batches. Errors name the field at fault.
 *
 * @param methods            the methods, in the order the results list them (may repeat)
 * @param steps              the time steps T to evaluate each method at, in the order they run; each &gt; 0
 * @param thresholdScale     c &gt; 0, finite: θ_l = c·λ_l (and Spike-Norm's scale)
 * @param reset              the IF neurons' reset
 * @param initial            the IF neurons' membrane before the first step
 * @param signed             the IF neurons take back spikes by negative ones (needs reset by subtraction)
 * @param burst              signed neurons may emit several spikes in one step (needs {@code signed})
 * @param calibrationSamples &gt; 0: the first training images the activation statistics are measured on
 * @param tuneSamples        &gt; 0: the calibration batch of the tuning methods, bias calibration and error
 *                           analysis at most; see {@link ConversionSweep#tuneBatchSize}
 * @param errors             also measure each spiking layer's quantization and deviation error
 * @param batch              &gt; 0: evaluation batch size at most; see {@link ConversionSweep#evaluationBatchSize}
 * @param seed               the evaluations' seed
 */
public record SweepOptions(List<ConversionMethod> methods, List<Integer> steps, double thresholdScale, Reset reset,
                           InitialMembrane initial, boolean signed, boolean burst, int calibrationSamples, int tuneSamples,
                           boolean errors, int batch, long seed) {
    public SweepOptions {
        methods = List.copyOf(methods);
        steps = List.copyOf(steps);
        Objects.requireNonNull(reset, "reset");
        Objects.requireNonNull(initial, "initial");
        if (methods.isEmpty()) throw new Snn4jException("methods: give at least one conversion method");
        if (steps.isEmpty()) throw new Snn4jException("steps: give at least one number of time steps");
        for (int t : steps) positive("steps", t);
        if (!(thresholdScale > 0) || !Double.isFinite(thresholdScale)) {
            throw new Snn4jException("thresholdScale must be finite and > 0, was " + thresholdScale);
        }
        positive("calibrationSamples", calibrationSamples);
        positive("tuneSamples", tuneSamples);
        positive("batch", batch);
        if (signed && reset != Reset.SUBTRACT) throw new Snn4jException("signed needs reset SUBTRACT, was " + reset);
        if (burst && !signed) throw new Snn4jException("burst needs signed");
    }

    /** Options with the defaults of {@link Builder}, for {@code methods} at {@code steps}. */
    public static Builder builder(List<ConversionMethod> methods, List<Integer> steps) {
        return new Builder(methods, steps);
    }

    /** The largest T evaluated. */
    public int largestSteps() {
        return steps.stream().max(Integer::compare).orElseThrow();
    }

    /** The converter's options for {@code method} with these neurons. */
    Converter.Options converterOptions(ConversionMethod method) {
        return new Converter.Options(method.normalization(), thresholdScale, reset, initial, signed, burst);
    }

    private static void positive(String field, int value) {
        if (value <= 0) throw new Snn4jException(field + " must be > 0, was " + value);
    }

    /**
     * Fills {@link SweepOptions}. Defaults: c = 1, reset by subtraction, V[0] = 0, unsigned neurons, 512
     * calibration images, a calibration batch of 128, no error analysis, batches of 100, seed 1.
     */
    public static final class Builder {
        private final List<ConversionMethod> methods;
        private final List<Integer> steps;
        private double thresholdScale = 1;
        private Reset reset = Reset.SUBTRACT;
        private InitialMembrane initial = InitialMembrane.ZERO;
        private boolean signed;
        private boolean burst;
        private int calibrationSamples = 512;
        private int tuneSamples = 128;
        private boolean errors;
        private int batch = 100;
        private long seed = 1;

        private Builder(List<ConversionMethod> methods, List<Integer> steps) {
            this.methods = methods;
            this.steps = steps;
        }

        public Builder thresholdScale(double c) {
            this.thresholdScale = c;
            return this;
        }

        public Builder reset(Reset reset) {
            this.reset = reset;
            return this;
        }

        public Builder initial(InitialMembrane initial) {
            this.initial = initial;
            return this;
        }

        /** Signed neurons, with or without bursts. */
        public Builder signed(boolean signed, boolean burst) {
            this.signed = signed;
            this.burst = burst;
            return this;
        }

        public Builder calibrationSamples(int n) {
            this.calibrationSamples = n;
            return this;
        }

        public Builder tuneSamples(int n) {
            this.tuneSamples = n;
            return this;
        }

        public Builder errors(boolean errors) {
            this.errors = errors;
            return this;
        }

        public Builder batch(int batch) {
            this.batch = batch;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public SweepOptions build() {
            return new SweepOptions(methods, steps, thresholdScale, reset, initial, signed, burst, calibrationSamples, tuneSamples,
                    errors, batch, seed);
        }
    }
}
