package org.snn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snn4j.kernels.Conv2dKernels;
import org.snn4j.kernels.ConvGeometry;
import org.snn4j.kernels.Gemm;
import org.snn4j.kernels.Reductions;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Layers whose kernels scan what they write (Conv2d's dense forward and backward-data, Linear's input gradient) and
 * so let the caller skip its own scan: a NaN or infinity is still reported as a {@link NumericalException} naming the
 * layer and the first bad element, inside a {@link Sequential} and alone; finite results pass unchanged.
 */
class ScannedByProducerTest {
    @Test
    void convolutionOutputWithANaNNamesTheLayerAndTheFirstElement() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 6; trial++) {
            Conv2d conv = new Conv2d("conv1", 2, 3, 3, 1, 1, true, new Rng(trial));
            Tensor x = input(random, 2, 3, 2, 6, 6);
            if (trial < 5) x.data()[random.nextInt(x.size())] = trial % 2 == 0 ? Float.NaN : Float.NEGATIVE_INFINITY;
            else for (int i = 0; i < x.size(); i++) x.data()[i] *= 3e38f;     // finite input, overflowing sums
            int first = firstBad(forward(conv, x));
            Sequential net = new Sequential("net", conv);
            NumericalException e = assertThrows(NumericalException.class, () -> net.forward(x, ForwardContext.evaluationWithBackward()));
            assertEquals("conv1", e.layer());
            assertEquals("at element " + first + " of the output", e.getMessage().replaceAll(".* (at element)", "$1"));
            NumericalException alone = assertThrows(NumericalException.class, () -> conv.forward(x, ForwardContext.evaluation()));
            assertEquals("at element " + first + " of the forward output", alone.getMessage().replaceAll(".* (at element)", "$1"));
        }
    }

    @Test
    void convolutionInputGradientWithANaNNamesTheLayerOnBothPaths() {
        SplittableRandom random = new SplittableRandom(5);
        // 4 -> 2 channels: the flipped forward; 2 -> 4: GEMM and col2im; stride 2: col2im
        int[][] shapes = {{4, 2, 1}, {2, 4, 1}, {3, 3, 2}};
        for (int[] s : shapes) {
            Conv2d conv = new Conv2d("conv2", s[0], s[1], 3, s[2], 1, false, new Rng(s[0]));
            Sequential net = new Sequential("net", new ReLU("relu"), conv);
            Tensor x = input(random, 2, 3, s[0], 8, 8);
            Pass pass = net.forward(x, ForwardContext.evaluationWithBackward());
            Tensor dy = input(random, pass.output().shape());
            Tensor dx = pass.backward(dy, true);                                  // finite: passes
            assertEquals(-1, Reductions.firstNonFinite(dx.data(), 0, dx.size()));
            float[] w = conv.weight().value().data();
            w[random.nextInt(w.length)] = Float.NaN;                             // the weight gradient stays finite
            float[] expected = new float[x.size()];
            Conv2dKernels.backwardData(conv.geometry(x), dy.data(), w, expected);
            NumericalException e = assertThrows(NumericalException.class, () -> pass.backward(dy, true));
            assertEquals("conv2", e.layer());
            assertEquals("at element " + firstBad(expected) + " of the input gradient", e.getMessage().replaceAll(".* (at element)", "$1"));
        }
    }

    @Test
    void linearInputGradientWithANaNNamesTheLayerInASequentialAndAlone() {
        SplittableRandom random = new SplittableRandom(7);
        Linear fc = new Linear("fc1", 300, 10, true, new Rng(1));
        Tensor x = input(random, 2, 40, 300);
        Sequential net = new Sequential("net", new ReLU("relu"), fc);
        Pass pass = net.forward(x, ForwardContext.evaluationWithBackward());
        Pass alone = fc.forward(x, ForwardContext.evaluationWithBackward());
        Tensor dy = input(random, 2, 40, 10);
        assertArrayEquals(alone.backward(dy, true).data(), plainInputGradient(fc, dy, 80));
        float[] w = fc.weight().value().data();
        w[random.nextInt(w.length)] = Float.POSITIVE_INFINITY;
        int first = firstBad(plainInputGradient(fc, dy, 80));
        for (Pass p : new Pass[] {pass, alone}) {
            NumericalException e = assertThrows(NumericalException.class, () -> p.backward(dy, true));
            assertEquals("fc1", e.layer());
            assertEquals("at element " + first + " of the input gradient", e.getMessage().replaceAll(".* (at element)", "$1"));
        }
    }

    private static float[] forward(Conv2d conv, Tensor x) {
        float[] y = new float[x.dim(0) * x.dim(1) * conv.outChannels() * x.dim(3) * x.dim(4)];
        Conv2dKernels.forward(conv.geometry(x), x.data(), conv.weight().value().data(), conv.bias().value().data(), y);
        return y;
    }

    private static float[] plainInputGradient(Linear fc, Tensor dy, int rows) {
        float[] dx = new float[rows * fc.inFeatures()];
        Gemm.sgemm(false, false, rows, fc.inFeatures(), fc.outFeatures(), 1f, dy.data(), 0, fc.outFeatures(),
                fc.weight().value().data(), 0, fc.inFeatures(), 0f, dx, 0, fc.inFeatures());
        return dx;
    }

    private static int firstBad(float[] a) {
        int i = Reductions.firstNonFinite(a, 0, a.length);
        if (i < 0) throw new AssertionError("the injected fault left the result finite");
        return i;
    }

    private static Tensor input(SplittableRandom random, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) t.data()[i] = (float) random.nextDouble(-1, 1);
        return t;
    }
}
