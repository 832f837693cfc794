package org.snn4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Each benchmark's work once, as JMH would set it up and call it (trial setup, one invocation), checked
 * for a finite, non-trivial result; no timing.
 */
class BenchmarkWorkTest {
    private static final Blackhole SINK =
            new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    private ComputeThreads threads;

    @BeforeEach
    void open() {
        threads = new ComputeThreads();
        threads.threads = 2;
        threads.open();
    }

    @AfterEach
    void close() {
        threads.close();
    }

    @Test
    void gemmMultipliesTheSquareShape() {
        GemmBenchmark.Operands o = new GemmBenchmark.Operands();
        o.shape = "512x512x512";
        o.allocate();
        float[] c = new GemmBenchmark().multiply(threads, o);
        for (int[] ij : new int[][] {{0, 0}, {17, 301}, {511, 511}}) {
            double dot = 0;
            for (int p = 0; p < o.k; p++) dot += (double) o.a[ij[0] * o.k + p] * o.b[p * o.n + ij[1]];
            assertEquals(dot, c[ij[0] * o.n + ij[1]], 1e-3 * Math.max(1, Math.abs(dot)), "C" + ij[0] + "," + ij[1]);
        }
        assertEquals(2.0 * 512 * 512 * 512, GemmBenchmark.flops(o.shape));
        assertThrows(IllegalArgumentException.class, () -> GemmBenchmark.flops("512x512"));
    }

    @Test
    void everyGemmShapeOfTheSuiteIsAParameterValue() throws NoSuchFieldException {
        String[] values = GemmBenchmark.Operands.class.getField("shape")
                .getAnnotation(org.openjdk.jmh.annotations.Param.class).value();
        assertArrayEquals(GemmBenchmark.SHAPES.toArray(String[]::new), values);
    }

    @Test
    void convolutionStepWritesFiniteGradients() {
        ConvBenchmark.Step s = new ConvBenchmark.Step();
        s.allocate();
        float[] dw = new ConvBenchmark().forwardBackward(threads, s);
        assertNonTrivial(dw, "dW");
        assertNonTrivial(s.dx, "dx");
    }

    @Test
    void gemmCallsOfTheStepWriteFiniteBlocks() {
        ConvBenchmark.GemmOperands o = new ConvBenchmark.GemmOperands();
        o.allocate();
        try {
            assertNonTrivial(new ConvBenchmark().gemmCalls(o), "dx block");
            assertNonTrivial(o.dw, "dW");
        } finally {
            o.close();
        }
    }

    @Test
    void everyPassOfTheFirstW1ConvolutionWritesItsOutput() {
        for (String pass : new String[] {"forward", "backwardData", "backwardWeights"}) {
            ConvBenchmark.Pass p = new ConvBenchmark.Pass();
            p.layer = "conv1";
            p.pass = pass;
            p.allocate();
            assertNonTrivial(new ConvBenchmark().pass(threads, p), pass);
        }
        ConvBenchmark.Pass bad = new ConvBenchmark.Pass();
        bad.layer = "conv1";
        bad.pass = "sideways";
        assertThrows(IllegalArgumentException.class, bad::allocate);
    }

    @Test
    void lifForwardBackwardSpikesAndWritesTheInputGradient() {
        NeuronBenchmark.Layer l = new NeuronBenchmark.Layer();
        l.neurons = 4096;
        l.steps = 8;
        l.allocate();
        new NeuronBenchmark().lifForwardBackward(threads, l, SINK);
        double spikes = 0;
        for (float s : l.spikes) spikes += s;
        assertTrue(spikes > 0 && spikes < l.spikes.length, "some neurons spike, not all: " + spikes);
        assertNonTrivial(l.gradInput, "input gradient");
    }

    @Test
    void eventAndDenseKernelsAgreeOnAConvolutionAndTheLinearLayer() {
        for (String layer : new String[] {"32x7x32", "linear"}) {
            float[][] outputs = new float[2][];
            for (int i = 0; i < 2; i++) {
                EventBenchmark.Layer l = new EventBenchmark.Layer();
                l.layer = layer;
                l.density = 0.1;
                l.kernel = i == 0 ? "dense" : "event";
                l.images = 4;
                l.allocate();
                new EventBenchmark().forward(threads, l, SINK);
                outputs[i] = l.y;
            }
            assertNonTrivial(outputs[0], layer + " dense");
            for (int j = 0; j < outputs[0].length; j++) {
                assertEquals(outputs[0][j], outputs[1][j], 1e-4f, layer + " output " + j);
            }
        }
    }

    @Test
    void theStepIsTheDocumentedShape() {
        assertEquals(64, ConvBenchmark.STEP.n());
        assertEquals(14.5e9, 3 * 2.0 * ConvBenchmark.STEP.macs(), 0.05e9, "FLOP of forward + backward-data + backward-weights");
    }

    private static void assertNonTrivial(float[] a, String what) {
        boolean nonZero = false;
        for (float v : a) {
            assertTrue(Float.isFinite(v), what + " is finite");
            nonZero |= v != 0;
        }
        assertTrue(nonZero, what + " is not all zeros");
    }
}
