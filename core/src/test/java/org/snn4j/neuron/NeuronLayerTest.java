package org.snn4j.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.GradientCheck;
import org.snn4j.nn.Pass;
import org.snn4j.nn.ShapeException;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class NeuronLayerTest {
    private static NeuronConfig config(NeuronModel model, float theta, Reset reset, FireTest fire, InitialMembrane v0) {
        return new NeuronConfig(model, theta, reset, fire, v0);
    }

    /** Spikes of one neuron driven by {@code x[0..T-1]}. */
    private static float[] spikes(NeuronConfig c, float... x) {
        NeuronLayer layer = new NeuronLayer("n", c, new Triangle(), false);
        return layer.forward(new Tensor(x.clone(), x.length, 1, 1), ForwardContext.evaluation()).output().data();
    }

    private static int count(NeuronConfig c, float[] x) {
        int n = 0;
        for (float s : spikes(c, x)) n += (int) s;
        return n;
    }

    private static float[] constant(float z, int steps) {
        float[] x = new float[steps];
        java.util.Arrays.fill(x, z);
        return x;
    }

    @Test
    void goldenDynamicsByHand() {
        IF ifModel = new IF();
        // subtract: H = 0.7, 1.4 (V 0.4), 1.1 (V 0.1), 0.8
        assertArrayEquals(new float[] {0, 1, 1, 0},
                spikes(config(ifModel, 1f, Reset.SUBTRACT, FireTest.STRICT, InitialMembrane.ZERO), 0.7f, 0.7f, 0.7f, 0.7f));
        // to zero: H = 0.7, 1.4 (V 0), 0.7, 1.4
        assertArrayEquals(new float[] {0, 1, 0, 1},
                spikes(config(ifModel, 1f, Reset.ZERO, FireTest.STRICT, InitialMembrane.ZERO), 0.7f, 0.7f, 0.7f, 0.7f));
        // strict: H = 0.5, 1.0 (no spike), 1.5 (V 0.5), 1.0
        assertArrayEquals(new float[] {0, 0, 1, 0},
                spikes(config(ifModel, 1f, Reset.SUBTRACT, FireTest.STRICT, InitialMembrane.ZERO), 0.5f, 0.5f, 0.5f, 0.5f));
        // non-strict: H = 0.5, 1.0 (V 0), 0.5, 1.0
        assertArrayEquals(new float[] {0, 1, 0, 1},
                spikes(config(ifModel, 1f, Reset.SUBTRACT, FireTest.NON_STRICT, InitialMembrane.ZERO), 0.5f, 0.5f, 0.5f, 0.5f));
        // V[0] = θ/2 = 1, θ = 2: H = 2.3 (V 0.3), 0.8, 1.8, 1.9; from V[0] = 0 it would fire at step 3 instead
        assertArrayEquals(new float[] {1, 0, 0, 0},
                spikes(config(ifModel, 2f, Reset.SUBTRACT, FireTest.STRICT, InitialMembrane.HALF_THRESHOLD), 1.3f, 0.5f, 1.0f, 0.1f));
        assertArrayEquals(new float[] {0, 0, 1, 0},
                spikes(config(ifModel, 2f, Reset.SUBTRACT, FireTest.STRICT, InitialMembrane.ZERO), 1.3f, 0.5f, 1.0f, 0.1f));
        // LIF α = 0.9: H = 0.6, 1.14 (V 0.14), 0.726, 1.2534
        assertArrayEquals(new float[] {0, 1, 0, 1},
                spikes(config(new LIF(0.9f), 1f, Reset.SUBTRACT, FireTest.STRICT, InitialMembrane.ZERO), 0.6f, 0.6f, 0.6f, 0.6f));
        // the same without leak would fire at step 2 and 4 too, but with α = 0.5 only at step 3: 0.6, 0.9, 1.05
        assertArrayEquals(new float[] {0, 0, 1},
                spikes(config(new LIF(0.5f), 1f, Reset.ZERO, FireTest.STRICT, InitialMembrane.ZERO), 0.6f, 0.6f, 0.6f));
    }

    @Test
    void u1SubtractResetIsRateLinear() {
        NeuronConfig v0Zero = config(new IF(), 1f, Reset.SUBTRACT, FireTest.NON_STRICT, InitialMembrane.ZERO);
        NeuronConfig v0Half = config(new IF(), 1f, Reset.SUBTRACT, FireTest.NON_STRICT, InitialMembrane.HALF_THRESHOLD);
        assertEquals(6, count(v0Zero, constant(0.67f, 10)));
        assertEquals(7, count(v0Half, constant(0.67f, 10)));
        for (float z : new float[] {0.13f, 0.29f, 0.41f, 0.58f, 0.77f, 0.93f}) {
            assertEquals((int) Math.floor(z * 10), count(v0Zero, constant(z, 10)), "z = " + z);
            assertEquals((int) Math.floor(z * 10 + 0.5), count(v0Half, constant(z, 10)), "z = " + z);
        }
    }

    @Test
    void u2ResetToZeroUnderFires() {
        NeuronConfig hard = config(new IF(), 1f, Reset.ZERO, FireTest.NON_STRICT, InitialMembrane.ZERO);
        assertEquals(5, count(hard, constant(0.67f, 10)));
        assertEquals(3, count(hard, constant(0.34f, 10)));
        assertEquals(2, count(hard, constant(0.26f, 10)));
    }

    @Test
    void u3HalfThresholdIfEqualsQcfs() {
        for (float lambda : new float[] {1f, 2.5f, 8f}) {
            for (int levels : new int[] {4, 8, 16}) {
                NeuronConfig c = config(new IF(), lambda, Reset.SUBTRACT, FireTest.NON_STRICT, InitialMembrane.HALF_THRESHOLD);
                for (double z = -0.3 * lambda; z < 1.3 * lambda; z += 0.0137 * lambda) {
                    double q = z * levels / lambda + 0.5;
                    if (Math.abs(q - Math.rint(q)) < 1e-3) continue;   // ties flip in float
                    double qcfs = lambda * Math.min(1, Math.max(0, Math.floor(q) / levels));
                    double snn = lambda * count(c, constant((float) z, levels)) / levels;
                    assertEquals(qcfs, snn, 1e-9, "λ = " + lambda + ", L = " + levels + ", z = " + z);
                }
            }
        }
    }

    @Test
    void u4LeeFactorThroughTheLayer() {
        // α = 0.99, T = 100, θ = 1, hard reset; ∂L/∂S = 1 everywhere, so ∂L/∂X at the spike is NG/θ
        NeuronLayer layer = new NeuronLayer("lee", config(new LIF(0.99f), 1f, Reset.ZERO, FireTest.STRICT,
                InitialMembrane.ZERO), new LeeDerivative(), false);
        float[] x = new float[300];                // [T = 100, N = 3, 1]: last step, first step, silent
        x[99 * 3] = 2f;
        x[1] = 2f;
        Pass pass = layer.forward(new Tensor(x, 100, 3, 1), ForwardContext.evaluationWithBackward());
        float[] gx = pass.backward(Tensor.full(1f, 100, 3, 1), true).data();
        assertEquals(0.98995, gx[99 * 3], 1e-5);
        assertEquals(0.99628, gx[1], 1e-5);
        for (int t = 0; t < 100; t++) assertEquals(0, gx[t * 3 + 2], 1e-5);
        for (int t = 0; t < 99; t++) assertEquals(0.98995, gx[t * 3], 1e-5, "no spike before T: path open");
    }

    @Test
    void u5DeviationErrorNeedsTimeVaryingInput() {
        NeuronConfig c = config(new IF(), 1f, Reset.SUBTRACT, FireTest.NON_STRICT, InitialMembrane.ZERO);
        assertEquals(5, count(c, new float[] {1, 1, 1, 1, 1, -1, -1, -1, -1, -1}));
        assertEquals(3, count(c, new float[] {1.5f, 1.5f, -1, -1, 1.5f, 1.5f, -1, -1}));
        assertEquals(2, count(c, constant(0.25f, 8)));
    }

    static Stream<Arguments> gradientCases() {
        List<Arguments> cases = new ArrayList<>();
        NeuronModel[] models = {new IF(), new LIF(0.8f), new ParametricLIF(0.85f)};
        Surrogate[] surrogates = {new Rectangular(), new Triangle(), new FastSigmoid(), new ArcTan()};
        for (NeuronModel m : models) {
            for (Reset r : Reset.values()) {
                for (boolean detach : new boolean[] {false, true}) {
                    for (Surrogate s : surrogates) cases.add(Arguments.of(m, r, detach, s));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} detach={2} {3}")
    @MethodSource("gradientCases")
    void smoothForwardMatchesBptt(NeuronModel model, Reset reset, boolean detach, Surrogate surrogate) {
        InitialMembrane v0 = model.trainable() ? InitialMembrane.HALF_THRESHOLD : InitialMembrane.ZERO;
        NeuronLayer layer = SmoothNeuronLayer.of(new NeuronLayer("n", config(model, 0.9f, reset, FireTest.STRICT, v0), surrogate, detach));
        Tensor input = Tensor.zeros(6, 2, 3);
        new Rng(7).fillUniform(input.data(), -0.3f, 1.2f);
        new GradientCheck(1e-3, 2e-3, 1e-2).check(layer, input, ForwardContext::evaluationWithBackward);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("amplitudeModels")
    void spikesCarryTheirAmplitudeForwardAndBackward(NeuronModel model) {
        NeuronConfig c = new NeuronConfig(model, 0.8f, Reset.SUBTRACT, FireTest.NON_STRICT, InitialMembrane.HALF_THRESHOLD, 0.8f);
        NeuronLayer scaled = new NeuronLayer("n", c, new Triangle(), false);
        NeuronLayer unit = new NeuronLayer("n", new NeuronConfig(model, 0.8f, Reset.SUBTRACT, FireTest.NON_STRICT,
                InitialMembrane.HALF_THRESHOLD), new Triangle(), false);
        Tensor input = Tensor.zeros(5, 2, 3);
        new Rng(9).fillUniform(input.data(), -0.3f, 1.2f);
        Tensor a = scaled.forward(input, ForwardContext.evaluation()).output(), b = unit.forward(input, ForwardContext.evaluation()).output();
        for (int i = 0; i < a.size(); i++) assertEquals(0.8f * b.data()[i], a.data()[i], 0f);
        new GradientCheck(1e-3, 2e-3, 1e-2).check(SmoothNeuronLayer.of(scaled), input, ForwardContext::evaluationWithBackward);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("amplitudeModels")
    void channelCalibrationIsThePerChannelThresholdAndBiasCurrent(NeuronModel model) {
        // [T=5, N=2, C=3, 2]: channel c fires at θ·s_c with spikes of a·s_c and gets b_c more current each step.
        float theta = 0.8f, amplitude = 0.8f;
        float[] scale = {0.5f, 1f, 2f}, bias = {0.1f, -0.2f, 0.3f};
        NeuronConfig c = new NeuronConfig(model, theta, Reset.SUBTRACT, FireTest.NON_STRICT, InitialMembrane.HALF_THRESHOLD, amplitude);
        NeuronLayer calibrated = new ConvertedNeuronLayer("n", c, new Triangle(), false, new ChannelCalibration(scale, bias));
        Tensor input = Tensor.zeros(5, 2, 3, 2);
        new Rng(11).fillUniform(input.data(), -0.3f, 1.5f);
        Tensor out = calibrated.forward(input, ForwardContext.evaluation()).output();
        for (int ch = 0; ch < 3; ch++) {
            NeuronConfig own = new NeuronConfig(model, theta * scale[ch], Reset.SUBTRACT, FireTest.NON_STRICT,
                    InitialMembrane.HALF_THRESHOLD, amplitude * scale[ch]);
            Tensor shifted = Tensor.zeros(5, 2, 1, 2);
            for (int t = 0; t < 5; t++) {
                for (int n = 0; n < 2; n++) {
                    for (int k = 0; k < 2; k++) shifted.data()[(t * 2 + n) * 2 + k] = input.data()[((t * 2 + n) * 3 + ch) * 2 + k] + bias[ch];
                }
            }
            Tensor expected = new NeuronLayer("n", own, new Triangle(), false).forward(shifted, ForwardContext.evaluation()).output();
            for (int t = 0; t < 5; t++) {
                for (int n = 0; n < 2; n++) {
                    for (int k = 0; k < 2; k++) {
                        assertEquals(expected.data()[(t * 2 + n) * 2 + k], out.data()[((t * 2 + n) * 3 + ch) * 2 + k], 1e-6f,
                                "t " + t + " n " + n + " channel " + ch);
                    }
                }
            }
        }
        new GradientCheck(1e-3, 2e-3, 1e-2).check(SmoothNeuronLayer.of(calibrated), input, ForwardContext::evaluationWithBackward);
    }

    @Test
    void channelCalibrationByHandAndHeldInput() {
        // θ = 1, V[0] = 0, subtract, strict, current 0.7 held for 4 steps. Channel 0 (s = 2, b = 0.3) integrates
        // (0.7 + 0.3)/2 = 0.5: H = 0.5, 1.0 (strict: no spike), 1.5 (spike of amplitude 2, V 0.5), 1.0.
        // Channel 1 (s = 1, b = −0.2) integrates 0.5 too: a spike of amplitude 1 at the third step.
        NeuronLayer layer = new ConvertedNeuronLayer("n", config(new IF(), 1f, Reset.SUBTRACT, FireTest.STRICT, InitialMembrane.ZERO),
                new Triangle(), false, new ChannelCalibration(new float[] {2f, 1f}, new float[] {0.3f, -0.2f}));
        Tensor held = new Tensor(new float[] {0.7f, 0.7f}, 1, 1, 2);
        float[] s = layer.forward(held, ForwardContext.evaluation().withSteps(4)).output().data();
        assertArrayEquals(new float[] {0, 0, 0, 0, 2, 1, 0, 0}, s);
        assertThrows(ShapeException.class, () -> layer.forward(Tensor.zeros(4, 1, 3), ForwardContext.evaluation()));
    }

    static Stream<NeuronModel> amplitudeModels() {
        return Stream.of(new IF(), new LIF(0.9f), new ParametricLIF(0.9f));
    }

    @Test
    void leeBackwardMatchesStepByStepReference() {
        float alpha = 0.95f, theta = 1.2f;
        int steps = 9, m = 12;
        NeuronLayer layer = new NeuronLayer("lee", config(new LIF(alpha), theta, Reset.ZERO, FireTest.STRICT,
                InitialMembrane.ZERO), new LeeDerivative(), false);
        Tensor input = Tensor.zeros(steps, 3, 4);
        Tensor grad = Tensor.zeros(steps, 3, 4);
        Rng rng = new Rng(3);
        rng.fillUniform(input.data(), -0.2f, 1.1f);
        rng.fillUniform(grad.data(), -1f, 1f);
        Pass pass = layer.forward(input, ForwardContext.evaluationWithBackward());
        float[] gx = pass.backward(grad, true).data();
        float[] x = input.data(), g = grad.data();
        for (int j = 0; j < m; j++) {
            // Lee's code, one step at a time: V += I; s = V > θ; V -= V·s; V *= α
            double v = 0, total = 0, lf = 0;
            boolean[] s = new boolean[steps];
            for (int t = 0; t < steps; t++) {
                v += x[t * m + j];
                s[t] = v > theta;
                if (s[t]) v = 0;
                v *= alpha;
                total += s[t] ? 1 : 0;
                lf += s[t] ? Math.pow(alpha, steps - 1 - t) : 0;
            }
            double ng = (lf > 1e-3 ? 1 : 0) + Math.log(alpha) * lf / (total == 0 ? 1 : total);
            // autograd: grad at the spike output × NG/θ where it spiked; the membrane's grad flows to the
            // previous step through (1 − s) only (leak detached)
            double gradV = 0;
            for (int t = steps - 1; t >= 0; t--) {
                double gradH = s[t] ? g[t * m + j] * ng / theta : gradV;
                assertEquals(gradH, gx[t * m + j], 1e-5, "neuron " + j + " step " + t);
                gradV = gradH;
            }
        }
    }

    @Test
    void recordsSpikesAndRefusesWrongShapes() {
        NeuronLayer layer = NeuronConfig.builder().layer("if1");
        Tensor input = Tensor.zeros(4, 2, 5);
        new Rng(1).fillUniform(input.data(), 0f, 1f);
        SpikeRecords records = new SpikeRecords();
        ForwardContext ctx = ForwardContext.evaluation().with(records);
        Tensor out = layer.forward(input, ctx).output();
        double sum = 0;
        for (float s : out.data()) sum += s;
        SpikeRecords.SpikeRecord r = records.byLayer().get("if1");
        assertEquals((long) sum, r.spikes());
        assertEquals(5, r.neurons());
        assertEquals(4, r.steps());
        assertEquals(2, r.samples());
        assertArrayEquals(new int[] {3, 7}, layer.outputShape(new int[] {3, 7}));
        assertThrows(ShapeException.class, () -> layer.forward(Tensor.zeros(5), ctx));
        Pass pass = layer.forward(input, ForwardContext.evaluationWithBackward());
        assertThrows(ShapeException.class, () -> pass.backward(Tensor.zeros(4, 2, 4), true));
        assertThrows(IllegalStateException.class, () -> layer.forward(input, ctx).backward(out, true));
    }
}
