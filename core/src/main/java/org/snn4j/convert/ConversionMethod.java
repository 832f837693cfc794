package org.snn4j.convert;

import java.util.Objects;
import org.snn4j.Snn4jException;

/**
 * One method of a {@link ConversionSweep}: where the thresholds come from ({@link Converter.Normalization}),
 * whether they are set again for each T on the SNN itself ({@link Tuning}), and whether a bias current per
 * channel is then calibrated for each T ({@link BiasCalibration}).
 *
 * @param normalization   where λ_l, and so the converted thresholds, come from
 * @param tuning          what sets the thresholds again for each T, starting from the converted ones
 * @param biasCalibration calibrate a bias current per channel for each T after the thresholds are set
 */
public record ConversionMethod(Converter.Normalization normalization, Tuning tuning, boolean biasCalibration) {
    /** What sets each layer's threshold again for each T, layer by layer, on the calibration batch. */
    public enum Tuning {
        /** The converted thresholds stay. */
        NONE,
        /** TTRBR's threshold tuning, each layer's own output against the ANN's ({@link ThresholdTuning.Objective#LAYER_OUTPUT}). */
        THRESHOLD_TUNING,
        /**
         * Threshold tuning for the network's output: the layer objective, then each layer's threshold set
         * again for the readout's error against the ANN's logits ({@link ThresholdTuning.Objective#NETWORK_OUTPUT}).
         */
        NETWORK_THRESHOLD_TUNING,
        /** Sengupta et al.'s threshold balancing ({@link SpikeNorm}). */
        SPIKE_NORM
    }

    /** The percentile the tuning methods start from (robust normalization). */
    private static final double TUNING_START_PERCENTILE = 99.9;

    public ConversionMethod {
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(tuning, "tuning");
        if (tuning != Tuning.NONE && normalization instanceof Converter.Percentile p && p.perChannel()) {
            throw new Snn4jException("tuning " + tuning + " sets one threshold per layer; its normalization must be per layer, "
                    + "not per channel");
        }
    }

    /** Thresholds from the {@code p}-th percentile of each layer's (or channel's) activations. */
    public static ConversionMethod percentile(double p, boolean perChannel) {
        return new ConversionMethod(new Converter.Percentile(p, perChannel), Tuning.NONE, false);
    }

    /** Thresholds from the trained bounds of a clip or QCFS ANN. */
    public static ConversionMethod trainedBound() {
        return new ConversionMethod(new Converter.TrainedBound(), Tuning.NONE, false);
    }

    /** From the 99.9th percentile, each layer's threshold tuned for each T (TTRBR). */
    public static ConversionMethod thresholdTuning() {
        return new ConversionMethod(new Converter.Percentile(TUNING_START_PERCENTILE), Tuning.THRESHOLD_TUNING, false);
    }

    /** From the 99.9th percentile, the thresholds tuned for each T for the network's output. */
    public static ConversionMethod networkThresholdTuning() {
        return new ConversionMethod(new Converter.Percentile(TUNING_START_PERCENTILE), Tuning.NETWORK_THRESHOLD_TUNING, false);
    }

    /** The same normalization, its thresholds set again for each T by {@code tuning}. */
    public ConversionMethod withTuning(Tuning tuning) {
        return new ConversionMethod(normalization, tuning, biasCalibration);
    }

    /** From the 99.9th percentile, each layer's threshold balanced for each T (Spike-Norm). */
    public static ConversionMethod spikeNorm() {
        return new ConversionMethod(new Converter.Percentile(TUNING_START_PERCENTILE), Tuning.SPIKE_NORM, false);
    }

    /** This method followed by a bias calibration per channel for each T. */
    public ConversionMethod withBiasCalibration() {
        return new ConversionMethod(normalization, tuning, true);
    }
}
