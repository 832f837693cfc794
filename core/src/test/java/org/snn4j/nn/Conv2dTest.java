package org.snn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class Conv2dTest {
    static Tensor random(long seed, int... shape) {
        Tensor t = Tensor.zeros(shape);
        new Rng(seed).fillUniform(t.data(), -1f, 1f);
        return t;
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Conv2d conv = new Conv2d("conv", 2, 3, 3, 1, 1, true, new Rng(1));
        new Rng(2).fillUniform(conv.bias().value().data(), -0.5f, 0.5f);
        GradientCheck.standard().check(conv, random(3, 2, 2, 2, 5, 4), ForwardContext::evaluationWithBackward);
    }

    @Test
    void stridedUnpaddedGradientsMatchFiniteDifferences() {
        Conv2d conv = new Conv2d("conv", 3, 2, 2, 2, 0, false, new Rng(4));
        GradientCheck.standard().check(conv, random(5, 3, 1, 3, 5, 7), ForwardContext::evaluationWithBackward);
        Conv2d wide = new Conv2d("wide", 1, 2, 5, 2, 2, true, new Rng(6));
        GradientCheck.standard().check(wide, random(7, 1, 2, 1, 6, 6), ForwardContext::evaluationWithBackward);
    }

    /**
     * The input gradient from the output gradient's events ({@link InputGradientChoice}, kernels.EventBackwardData)
     * matches finite differences, the output multiplied by a fixed mask of zeros and ones after the convolution so that
     * about 70 % of the output gradient is zero (a mask, not a ReLU: no kink for the differences to step over);
     * with as many and with fewer input than output channels, and the choice's events did run.
     */
    @Test
    void inputGradientByEventsMatchesFiniteDifferences() {
        for (int[] channels : new int[][] {{4, 3}, {2, 5}}) {
            Conv2d conv = new Conv2d("conv", channels[0], channels[1], 3, 1, 1, true, new Rng(8));
            int[] byEvents = {0};
            InputGradientChoice events = (g, gradOutput, viaEvents, dense) -> {
                byEvents[0]++;
                viaEvents.run();
            };
            Layer eventConv = new Layer() {
                @Override
                public String name() {
                    return "conv by events";
                }

                @Override
                public int[] outputShape(int[] in) {
                    return conv.outputShape(in);
                }

                @Override
                public Pass forward(Tensor input, ForwardContext ctx) {
                    return conv.forward(input, ctx, ForwardKernel.DENSE, WeightGradientChoice.DENSE, events);
                }

                @Override
                public java.util.List<Parameter> parameters() {
                    return conv.parameters();
                }
            };
            Sequential net = new Sequential("net", eventConv, new Masked(0.3));
            GradientCheck.standard().check(net, random(9, 2, 2, channels[0], 5, 6), ForwardContext::evaluationWithBackward);
            assertTrue(byEvents[0] > 0, "the input gradient ran by events");
        }
    }

    /** Multiplies its input by a fixed mask, ones at about {@code density} of the elements (drawn on the first call). */
    private static final class Masked implements Layer {
        private final double density;
        private float[] mask;

        Masked(double density) {
            this.density = density;
        }

        @Override
        public String name() {
            return "mask";
        }

        @Override
        public int[] outputShape(int[] in) {
            return in;
        }

        @Override
        public Pass forward(Tensor input, ForwardContext ctx) {
            if (mask == null) {
                Rng rng = new Rng(21);
                mask = new float[input.size()];
                for (int i = 0; i < mask.length; i++) mask[i] = rng.nextFloat() < density ? 1f : 0f;
            }
            Tensor y = Tensor.zeros(input.shape());
            for (int i = 0; i < mask.length; i++) y.data()[i] = input.data()[i] * mask[i];
            return Pass.of(name(), y, (grad, needInputGrad) -> {
                Tensor dx = Tensor.zeros(input.shape());
                for (int i = 0; i < mask.length; i++) dx.data()[i] = grad.data()[i] * mask[i];
                return dx;
            });
        }
    }

    @Test
    void foldsTimeIntoTheBatch() {
        Conv2d conv = new Conv2d("conv", 1, 1, 1, 1, 0, true, new Rng(1));
        conv.weight().value().data()[0] = 2f;
        conv.bias().value().data()[0] = 1f;
        Tensor x = new Tensor(new float[] {1, 2, 3, 4, 5, 6}, 3, 2, 1, 1, 1);   // T=3, N=2, 1x1 images
        Pass pass = conv.forward(x, ForwardContext.evaluation());
        assertArrayEquals(new int[] {3, 2, 1, 1, 1}, pass.output().shape());
        assertArrayEquals(new float[] {3, 5, 7, 9, 11, 13}, pass.output().data());
    }

    @Test
    void backwardAccumulatesAndCanSkipTheInputGradient() {
        Conv2d conv = new Conv2d("conv", 2, 2, 3, 1, 1, true, new Rng(1));
        Tensor x = random(2, 2, 1, 2, 4, 4);
        Pass pass = conv.forward(x, ForwardContext.evaluationWithBackward());
        Tensor dy = random(3, pass.output().shape());
        assertNull(pass.backward(dy, false));
        float[] once = conv.weight().grad().data().clone();
        float[] onceBias = conv.bias().grad().data().clone();
        Tensor dx = pass.backward(dy, true);
        assertArrayEquals(x.shape(), dx.shape());
        for (int i = 0; i < once.length; i++) assertEquals(2 * once[i], conv.weight().grad().data()[i], 1e-5f);
        for (int i = 0; i < onceBias.length; i++) assertEquals(2 * onceBias[i], conv.bias().grad().data()[i], 1e-5f);
    }

    @Test
    void parametersAreNamedAndInitialised() {
        Conv2d conv = new Conv2d("conv1", 16, 32, 3, 1, 1, true, new Rng(9));
        assertEquals(2, conv.parameters().size());
        assertEquals("conv1.weight", conv.weight().name());
        assertTrue(conv.weight().decayed());
        assertEquals("conv1.bias", conv.bias().name());
        assertFalse(conv.bias().decayed());
        assertArrayEquals(new int[] {32, 16, 3, 3}, conv.weight().value().shape());
        assertEquals(Math.sqrt(2.0 / 144), std(conv.weight().value().data()), 0.05 * Math.sqrt(2.0 / 144));
        assertEquals(0f, conv.bias().value().data()[5]);
        Conv2d lee = Conv2d.withWeightStd("c", 16, 32, 3, 1, 1, false, Conv2d.fanInStd(144), new Rng(9));
        assertEquals(Math.sqrt(1.0 / 144), std(lee.weight().value().data()), 0.05 * Math.sqrt(1.0 / 144));
        assertNull(lee.bias());
        assertEquals(1, lee.parameters().size());
        assertEquals(16, lee.inChannels());
        assertEquals(32, lee.outChannels());
        assertEquals(3, lee.kernel());
        assertEquals(1, lee.stride());
        assertEquals(1, lee.padding());
        assertFalse(lee.hasBias());
    }

    @Test
    void shapeErrorsNameLayerExpectedAndActual() {
        Conv2d conv = new Conv2d("conv1", 3, 8, 5, 2, 1, false, new Rng(1));
        assertArrayEquals(new int[] {8, 15, 14}, conv.outputShape(new int[] {3, 32, 30}));
        ShapeException channels = assertThrows(ShapeException.class, () -> conv.outputShape(new int[] {1, 32, 32}));
        assertEquals("conv1: input channels expected 3, was 1", channels.getMessage());
        assertEquals("conv1", channels.layer());
        ShapeException small = assertThrows(ShapeException.class, () -> conv.outputShape(new int[] {3, 2, 32}));
        assertTrue(small.getMessage().startsWith("conv1: input height expected at least 3"), small.getMessage());
        ShapeException rank = assertThrows(ShapeException.class,
                () -> conv.forward(Tensor.zeros(4, 3, 32, 32), ForwardContext.evaluation()));
        assertTrue(rank.getMessage().startsWith("conv1: input rank expected 5"), rank.getMessage());
        Pass pass = conv.forward(Tensor.zeros(1, 1, 3, 8, 8), ForwardContext.evaluationWithBackward());
        assertThrows(ShapeException.class, () -> pass.backward(Tensor.zeros(1, 1, 8, 3, 4), true));
        assertThrows(IllegalArgumentException.class, () -> new Conv2d("bad", 0, 8, 3, 1, 1, true, new Rng(1)));
    }

    @Test
    void evaluationKeepsNothingAndNonFiniteValuesAreReported() {
        Conv2d conv = new Conv2d("conv1", 1, 1, 1, 1, 0, false, new Rng(1));
        Pass pass = conv.forward(Tensor.full(1f, 1, 1, 1, 2, 2), ForwardContext.evaluation());
        assertThrows(IllegalStateException.class, () -> pass.backward(Tensor.zeros(1, 1, 1, 2, 2), true));
        Tensor x = Tensor.full(1f, 1, 1, 1, 2, 2);
        x.data()[3] = Float.NaN;
        NumericalException e = assertThrows(NumericalException.class, () -> conv.forward(x, ForwardContext.evaluation()));
        assertEquals("conv1: non-finite value NaN at element 3 of the forward output", e.getMessage());
        Pass ok = conv.forward(Tensor.full(1f, 1, 1, 1, 2, 2), ForwardContext.evaluationWithBackward());
        Tensor dy = Tensor.zeros(1, 1, 1, 2, 2);
        dy.data()[0] = Float.POSITIVE_INFINITY;
        NumericalException g = assertThrows(NumericalException.class, () -> ok.backward(dy, true));
        assertTrue(g.getMessage().endsWith("weight gradient"), g.getMessage());
    }

    private static double std(float[] a) {
        double s = 0, s2 = 0;
        for (float v : a) {
            s += v;
            s2 += (double) v * v;
        }
        double mean = s / a.length;
        return Math.sqrt(s2 / a.length - mean * mean);
    }
}
