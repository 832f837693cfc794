package org.snn4j.convert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.snn4j.Snn4jException;
import org.snn4j.data.Dataset;
import org.snn4j.encode.DirectEncoder;
import org.snn4j.encode.EncoderSpec;
import org.snn4j.loss.Losses;
import org.snn4j.model.Model;
import org.snn4j.tensor.Tensor;
import org.snn4j.tensor.Workspace;
import org.snn4j.train.EvalResult;
import org.snn4j.train.Evaluator;
import org.snn4j.train.TrainConfig;

/**
 * Test accuracy against T for each conversion method: the ANN's batch norms are folded and its
 * activations measured once ({@link Converter#foldAndMeasure}), each method converts it once, and for
 * each T each method's SNN is tuned or balanced on the calibration batch if the method says so, its bias
 * currents calibrated if it says so, and evaluated on the test set (and with {@link SweepOptions#errors}
 * its per-layer conversion errors measured on the calibration batch, {@link ConversionErrors}).
 *
 * <p>At T steps every layer holds the whole [T, N, ...] sequence, so the evaluation batch holds at most
 * {@link #SAMPLE_STEPS_PER_BATCH}/T samples and the calibration batch at most that many, but at least
 * {@link #MIN_TUNE_SAMPLES}: memory stays bounded at large T.
 */
public final class ConversionSweep {
    /** T·N per evaluation batch at most: bounds memory at large T (W1 at T = 64: ~0.6 GB instead of ~6). */
    public static final int SAMPLE_STEPS_PER_BATCH = 1600;
    /** Threshold tuning, bias calibration and the error analysis use at least this many images, even at large T. */
    public static final int MIN_TUNE_SAMPLES = 16;

    /**
     * One method at one T.
     *
     * @param methodIndex where the method stands in {@link SweepOptions#methods}
     * @param method      the method
     * @param steps       T
     * @param result      the SNN's evaluation on the test set
     * @param thresholds  the SNN's threshold per spiking layer
     * @param errors      per spiking layer, its conversion errors (empty without {@link SweepOptions#errors})
     */
    public record Row(int methodIndex, ConversionMethod method, int steps, EvalResult result, Map<String, Float> thresholds,
                      List<ConversionErrors.LayerError> errors) {}

    /** Receives each row as soon as it is measured, with the SNN it was measured on. */
    @FunctionalInterface
    public interface Listener {
        void measured(Row row, Model snn);
    }

    private final SweepOptions options;
    private final Dataset calibration;
    private final Dataset test;
    private final Converter.FoldedAnn folded;
    /** Arrays of the evaluations at one T, reused across methods. */
    private final Workspace workspace = new Workspace();
    private final EvalResult ann;

    /** Where the test evaluations run: null, this process. */
    private final Cluster cluster;

    private ConversionSweep(SweepOptions options, Dataset calibration, Dataset test, Converter.FoldedAnn folded, Cluster cluster) {
        this.options = options;
        this.cluster = cluster;
        this.calibration = calibration;
        this.test = test;
        this.folded = folded;
        this.ann = evaluate(folded.ann(), 1);
    }

    /**
     * Folds and measures {@code ann} on the first {@link SweepOptions#calibrationSamples} images of
     * {@code calibration}, and evaluates the folded ANN on {@code test}.
     *
     * @throws Snn4jException when {@code ann} is an SNN or has max-pooling, or a method takes trained bounds
     *                        the ANN's activation does not have
     */
    public static ConversionSweep prepare(Model ann, Dataset calibration, Dataset test, SweepOptions options) {
        return prepare(ann, calibration, test, options, null);
    }

    /**
     * As {@link #prepare(Model, Dataset, Dataset, SweepOptions)}, the activation statistics and every test
     * evaluation computed on {@code cluster} (null: in this process), with the same results; threshold tuning,
     * bias calibration and the error analysis run here.
     */
    public static ConversionSweep prepare(Model ann, Dataset calibration, Dataset test, SweepOptions options, Cluster cluster) {
        boolean wantsBounds = options.methods().stream().anyMatch(m -> m.normalization() instanceof Converter.TrainedBound);
        if (wantsBounds && !ann.spec().annActivation().bounded()) {
            throw new Snn4jException("methods: trained bounds need an ANN with a clip or qcfs activation; "
                    + ann.spec().name() + " has " + ann.spec().annActivation().kind().label());
        }
        int samples = options.calibrationSamples(), batch = options.batch();
        return new ConversionSweep(options, calibration, test, cluster == null
                ? Converter.foldAndMeasure(ann, calibration, samples, batch)
                : Converter.foldAndMeasure(ann, folded -> cluster.measure(folded, calibration, samples, batch)), cluster);
    }

    /** The folded ANN's evaluation on the test set (at T = 1). */
    public EvalResult ann() {
        return ann;
    }

    /**
     * Converts with each method and measures each at each T, T by T in the order of
     * {@link SweepOptions#steps} and within a T method by method, telling {@code listener} each row as it
     * is measured.
     *
     * @return the rows, by method (in the order of {@link SweepOptions#methods}) and within a method by T ascending
     */
    public List<Row> run(Listener listener) {
        List<ConversionMethod> methods = options.methods();
        List<Converter.Conversion> bases = new ArrayList<>();
        for (ConversionMethod m : methods) bases.add(Converter.convert(folded.ann(), folded.stats(), options.converterOptions(m)));
        List<Row> rows = new ArrayList<>();
        for (int t : options.steps()) {
            Tensor tuneImages = calibration.images(firstIndices(tuneBatchSize(t)));
            for (int i = 0; i < methods.size(); i++) {
                ConversionMethod method = methods.get(i);
                Converter.Conversion c = tunedAndCalibrated(bases.get(i), method, tuneImages, t);
                Row row = new Row(i, method, t, evaluate(c.snn(), t), c.thresholds(),
                        options.errors() ? ConversionErrors.measure(c.snn(), folded.ann(), tuneImages, t) : List.of());
                rows.add(row);
                listener.measured(row, c.snn());
            }
            // The next T needs arrays of other lengths: drop these and collect now, or the serial
            // collector grows the heap with every T instead of reclaiming the old ones.
            workspace.clear();
            System.gc();
        }
        rows.sort(Comparator.comparingInt(Row::methodIndex).thenComparingInt(Row::steps));
        return rows;
    }

    /** {@code base} with the thresholds {@code method} sets for T = {@code steps}, then its bias currents if it calibrates them. */
    private Converter.Conversion tunedAndCalibrated(Converter.Conversion base, ConversionMethod method, Tensor tuneImages, int steps) {
        Converter.Options converter = options.converterOptions(method);
        Converter.Conversion c = switch (method.tuning()) {
            case THRESHOLD_TUNING -> ThresholdTuning.tune(base, folded.ann(), converter, tuneImages, steps, ThresholdTuning.Objective.LAYER_OUTPUT);
            case NETWORK_THRESHOLD_TUNING -> ThresholdTuning.tune(base, folded.ann(), converter, tuneImages, steps,
                    ThresholdTuning.Objective.NETWORK_OUTPUT);
            case SPIKE_NORM -> SpikeNorm.balance(base, folded.ann(), converter, tuneImages, steps);
            case NONE -> base;
        };
        if (method.biasCalibration()) {
            c = BiasCalibration.calibrate(c, folded.ann(), converter, tuneImages, steps, BiasCalibration.DEFAULT_ITERATIONS);
        }
        return c;
    }

    /**
     * The calibration batch at T = {@code steps}: {@link SweepOptions#tuneSamples} images, but at most
     * {@link #SAMPLE_STEPS_PER_BATCH}/T and at least {@link #MIN_TUNE_SAMPLES} (all the calibration set has, if fewer).
     */
    public int tuneBatchSize(int steps) {
        return Math.min(calibration.size(), Math.min(options.tuneSamples(), Math.max(MIN_TUNE_SAMPLES, SAMPLE_STEPS_PER_BATCH / steps)));
    }

    /** The evaluation batch at T = {@code steps}: {@link SweepOptions#batch}, but at most {@link #SAMPLE_STEPS_PER_BATCH}/T (at least 1). */
    public int evaluationBatchSize(int steps) {
        return Math.max(1, Math.min(options.batch(), SAMPLE_STEPS_PER_BATCH / steps));
    }

    private EvalResult evaluate(Model m, int steps) {
        if (cluster != null) {
            return cluster.evaluate(m, test, TrainConfig.builder().steps(steps).encoder(EncoderSpec.direct()).loss(Losses.byName("ce"))
                    .batch(evaluationBatchSize(steps)).seed(options.seed()).build());
        }
        return Evaluator.run(m, test, steps, new DirectEncoder(), Losses.byName("ce"), evaluationBatchSize(steps), options.seed(), workspace);
    }

    private static int[] firstIndices(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return idx;
    }
}
