package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snn4j.tensor.Rng;

/**
 * The event kernels against the dense ones, bit for bit (the claim of {@link EventKernels}): random
 * geometries with stride, padding, rectangular kernels and reduction lengths that cross the GEMM's k
 * blocks, inputs of 0/1 spikes, amplitude-θ spikes and average-pooled spikes, one and two threads,
 * the Vector API body and its scalar twin; then hand-worked cases and bad arguments.
 */
class EventKernelsTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    /** The event kernel bodies to test: the scalar twin, and the Vector API one when readable. */
    private static List<EventKernel> bodies() {
        List<EventKernel> list = new ArrayList<>(List.of(new ScalarEventKernel()));
        if (KernelProvider.whyNotVector().isEmpty()) list.add(new PanamaEventKernel());
        return list;
    }

    /** Inputs with about {@code density} non-zeros: 0/1 spikes, 0/0.7 spikes, or 2×2-pooled spikes (multiples of 1/4). */
    private static float[] spikes(int n, double density, int kind, Rng rng) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            if (rng.nextFloat() >= density) continue;
            x[i] = switch (kind) {
                case 0 -> 1f;
                case 1 -> 0.7f;
                default -> (1 + rng.nextInt(4)) * 0.25f;
            };
        }
        return x;
    }

    private static float[] gaussian(int n, Rng rng) {
        float[] a = new float[n];
        rng.fillGaussian(a, 0.3);
        return a;
    }

    static Stream<ConvGeometry> convShapes() {
        List<ConvGeometry> list = new ArrayList<>();
        Rng rng = new Rng(11);
        for (int k : new int[] {1, 3, 5}) {
            for (int stride = 1; stride <= 2; stride++) {
                for (int pad = 0; pad <= k / 2; pad++) {
                    list.add(ConvGeometry.square(1 + rng.nextInt(4), 1 + rng.nextInt(5), k + rng.nextInt(6),
                            k + rng.nextInt(6), 1 + rng.nextInt(40), k, stride, pad));
                }
            }
        }
        list.add(new ConvGeometry(3, 2, 7, 6, 17, 3, 2, 2, 1, 1, 0));    // rectangular kernel and stride
        list.add(ConvGeometry.square(2, 32, 14, 14, 64, 3, 1, 1));       // W1's conv2: K = 288, one k block
        list.add(ConvGeometry.square(2, 40, 6, 5, 33, 3, 1, 1));         // K = 360: two k blocks, a channel straddles them
        list.add(ConvGeometry.square(1, 80, 4, 4, 16, 3, 2, 1));         // K = 720: three k blocks, stride 2
        return list.stream();
    }

    @ParameterizedTest
    @MethodSource("convShapes")
    void convolutionFromEventsIsBitIdenticalToTheDenseKernel(ConvGeometry g) {
        Rng rng = new Rng(g.patch() * 31L + g.outC());
        float[] w = gaussian(g.weightSize(), rng), bias = gaussian(g.outC(), rng);
        float[] wt = EventKernels.transposed(g.outC(), g.patch(), w);
        for (int kind = 0; kind < 3; kind++) {
            float[] x = spikes(g.inputSize(), kind == 0 ? 1.0 : 0.2, kind, rng);    // every input a spike, then a fifth
            if (kind == 2) java.util.Arrays.fill(x, 0, x.length / 2, 0f);           // no events in the first half
            for (float[] b : new float[][] {bias, null}) {
                float[] dense = new float[g.outputSize()];
                Conv2dKernels.forward(g, x, w, b, dense);
                for (int threads = 1; threads <= 2; threads++) {
                    Parallel.setThreads(threads);
                    for (EventKernel body : bodies()) {
                        float[] events = new float[g.outputSize()];
                        EventKernels.convForward(body, g, x, wt, b, events);
                        assertArrayEquals(dense, events, 0f, g + " kind " + kind + " " + body.getClass().getSimpleName());
                    }
                }
            }
        }
    }

    @Test
    void convolutionCountsTheTapsThatReachAnOutput() {
        // one 3x3 image, 2 filters, pad 1: a corner spike reaches 2x2 outputs, the centre one 3x3
        ConvGeometry g = ConvGeometry.square(1, 1, 3, 3, 2, 3, 1, 1);
        float[] w = new float[18];
        for (int i = 0; i < 18; i++) w[i] = i + 1;
        float[] x = {1, 0, 0, 0, 0.5f, 0, 0, 0, 0}, y = new float[18];
        long ops = EventKernels.convForward(g, x, EventKernels.transposed(2, 9, w), null, y);
        assertEquals(2 * 4 + 2 * 9, ops);
        // output (0,0) of filter 0: taps (1,1) on the corner (w = 5) and (2,2) on the centre (w = 9, x 0.5)
        assertEquals(5 + 4.5f, y[0]);
        // output (2,2) of filter 1 sees only the centre, through tap (0,0) (w = 10)
        assertEquals(5f, y[9 + 8]);
    }

    static Stream<int[]> linearShapes() {
        // rows, in, out: tails of every lane count, in = 3136 (W1's readout, 13 k blocks) and 1568 (7 blocks);
        // more rows than a block and more columns than a chunk (VGG-7's fc1 has 1,568 x 1,024; with 1,000 outputs
        // a k block of 224 inputs is summed in passes of 64, with 200 in one)
        return Stream.of(new int[] {1, 1, 1}, new int[] {3, 17, 10}, new int[] {5, 33, 16}, new int[] {7, 100, 33},
                new int[] {2, 321, 65}, new int[] {40, 3136, 10}, new int[] {9, 1568, 64},
                new int[] {70, 1568, 1000}, new int[] {130, 2500, 200});
    }

    @ParameterizedTest
    @MethodSource("linearShapes")
    void linearFromEventsIsBitIdenticalToGemmPlusBias(int[] s) {
        int rows = s[0], in = s[1], out = s[2];
        Rng rng = new Rng(rows * 1000L + in);
        float[] w = gaussian(out * in, rng), bias = gaussian(out, rng), wt = EventKernels.transposed(out, in, w);
        for (int kind = 0; kind < 3; kind++) {
            float[] x = spikes(rows * in, 0.15, kind, rng);
            // every fifth row silent on its first 300 inputs: a first k block without events, later ones with
            for (int r = 0; r < rows; r += 5) java.util.Arrays.fill(x, r * in, r * in + Math.min(in, 300), 0f);
            float[] dense = new float[rows * out];
            Gemm.sgemm(false, true, rows, out, in, 1f, x, 0, in, w, 0, in, 0f, dense, 0, out);
            for (int r = 0; r < rows; r++) for (int j = 0; j < out; j++) dense[r * out + j] += bias[j];
            int nonZero = 0;
            for (float v : x) if (v != 0) nonZero++;
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                for (EventKernel body : bodies()) {
                    float[] events = new float[rows * out];
                    long ops = EventKernels.linearForward(body, rows, in, out, x, wt, bias, events);
                    assertArrayEquals(dense, events, 0f, rows + "x" + in + "x" + out + " kind " + kind);
                    assertEquals((long) nonZero * out, ops);
                }
            }
        }
    }

    @Test
    void gatherListsNonZerosInOrderCountingNaNButNotNegativeZero() {
        for (int n : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 33, 65}) {
            float[] x = new float[n + 2];
            for (int i = 0; i < n; i += 3) x[1 + i] = i % 2 == 0 ? 1f + i : -0f;
            if (n > 4) x[1 + 4] = Float.NaN;
            for (EventKernel body : bodies()) {
                int at = 2;   // appended after two events already listed, which stay
                int[] index = new int[at + n];
                float[] value = new float[at + n];
                index[0] = index[1] = -7;
                int count = body.gather(x, 1, n, index, value, at);
                int expected = 0;
                for (int i = 0; i < n; i++) {
                    float v = x[1 + i];
                    if (v == 0f && !Float.isNaN(v)) continue;
                    assertEquals(i, index[at + expected], "n " + n);
                    assertEquals(Float.floatToIntBits(v), Float.floatToIntBits(value[at + expected++]));
                }
                assertEquals(expected, count, "n " + n + " " + body.getClass().getSimpleName());
                assertEquals(-7, index[0] + index[1] + 7);
                assertEquals(expected, body.countNonZero(x, 1, 1 + n));
            }
        }
    }

    @Test
    void channelsFirstStoreMatchesItsScalarTwinOnWholeTilesAndEdges() {
        Rng rng = new Rng(8);
        for (int[] shape : new int[][] {{16, 16}, {49, 32}, {196, 64}, {7, 10}, {33, 17}}) {
            int plane = shape[0], outC = shape[1], row = EventKernels.padded(outC);
            float[] sum = new float[plane * row], bias = new float[outC];
            rng.fillGaussian(sum, 1.0);
            rng.fillGaussian(bias, 1.0);
            for (float[] b : new float[][] {bias, null}) {
                float[] expected = new float[3 + outC * plane];
                new ScalarEventKernel().toChannelsFirst(sum, row, plane, outC, b, expected, 3);
                for (int p = 0; p < plane; p++) {
                    assertEquals(sum[p * row + outC - 1] + (b == null ? 0f : b[outC - 1]), expected[3 + (outC - 1) * plane + p]);
                }
                for (EventKernel body : bodies()) {
                    float[] y = new float[3 + outC * plane];
                    body.toChannelsFirst(sum, row, plane, outC, b, y, 3);
                    assertArrayEquals(expected, y, 0f, body.getClass().getSimpleName() + " " + plane + "x" + outC);
                }
            }
        }
    }

    @Test
    void oneSamplesStepsByConvSampleAreThoseOfTheWholeSequence() {
        Rng rng = new Rng(4);
        int steps = 3, samples = 5;
        ConvGeometry g = ConvGeometry.square(steps * samples, 4, 9, 9, 20, 3, 2, 1);
        float[] x = new float[g.inputSize()], w = new float[g.weightSize()], bias = new float[20];
        for (int i = 0; i < x.length; i++) if (rng.nextFloat() < 0.2f) x[i] = 1f;
        rng.fillGaussian(w, 0.3);
        rng.fillGaussian(bias, 0.1);
        float[] wt = EventKernels.transposed(20, g.patch(), w), all = new float[g.outputSize()];
        long ops = EventKernels.convForward(g, x, wt, bias, all);
        int out = g.outC() * g.outPlane();
        long sampleOps = 0;
        for (int n = 0; n < samples; n++) {
            float[] y = new float[2 * out];
            for (int[] chunk : new int[][] {{0, 2}, {2, 3}}) {     // steps [0, 2), then [2, 3)
                sampleOps += EventKernels.convSample(g, steps, n, chunk[0], chunk[1], x, wt, bias, y);
                for (int t = chunk[0]; t < chunk[1]; t++) {
                    assertArrayEquals(java.util.Arrays.copyOfRange(all, (t * samples + n) * out, (t * samples + n + 1) * out),
                            java.util.Arrays.copyOfRange(y, (t - chunk[0]) * out, (t - chunk[0] + 1) * out), 0f, "sample " + n + " step " + t);
                }
            }
        }
        assertEquals(ops, sampleOps);
        float[] y3 = new float[3 * out];
        assertThrows(IllegalArgumentException.class, () -> EventKernels.convSample(g, 2, 0, 0, 2, x, wt, bias, y3));
        assertThrows(IllegalArgumentException.class, () -> EventKernels.convSample(g, steps, samples, 0, 3, x, wt, bias, y3));
        assertThrows(IllegalArgumentException.class, () -> EventKernels.convSample(g, steps, 0, 2, 4, x, wt, bias, y3));
        assertThrows(IllegalArgumentException.class, () -> EventKernels.convSample(g, steps, 0, 0, 3, x, wt, bias, new float[2 * out]));
    }

    @Test
    void vectorSumMatchesItsScalarTwinOnEveryTail() {
        assumeTrue(KernelProvider.whyNotVector().isEmpty(), "Vector API not available");
        Rng rng = new Rng(5);
        for (int n : new int[] {1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65, 257}) {
            int events = 1 + rng.nextInt(9);
            int[] offset = new int[events + 2];
            float[] value = new float[events + 2];
            for (int e = 0; e < offset.length; e++) {
                offset[e] = rng.nextInt(4) * n;
                value[e] = (1 + rng.nextInt(4)) * 0.25f;
            }
            float[] w = gaussian(4 * n, rng);
            for (EventKernel.Into into : EventKernel.Into.values()) {
                float[] y0 = gaussian(n + 5, rng), y1 = y0.clone();
                new ScalarEventKernel().sum(1, 1 + events, offset, value, w, y0, 5, n, into);
                new PanamaEventKernel().sum(1, 1 + events, offset, value, w, y1, 5, n, into);
                assertArrayEquals(y0, y1, 0f, "n " + n + " " + into);
            }
            for (EventKernel kernel : new EventKernel[] {new ScalarEventKernel(), new PanamaEventKernel()}) {
                float[] whole = new float[n], split = new float[n];   // a chain cut in two and continued: the same chain
                int mid = 1 + events / 2;
                kernel.sum(1, 1 + events, offset, value, w, whole, 0, n, EventKernel.Into.STORE);
                kernel.sum(1, mid, offset, value, w, split, 0, n, EventKernel.Into.STORE);
                kernel.sum(mid, 1 + events, offset, value, w, split, 0, n, EventKernel.Into.CONTINUE);
                assertArrayEquals(whole, split, 0f, kernel + " n " + n);
            }
        }
    }

    @Test
    void shiftedSumsMatchTheScalarTwinAndTheSumOfTheShiftedEvents() {
        assumeTrue(KernelProvider.whyNotVector().isEmpty(), "Vector API not available");
        Rng rng = new Rng(12);
        for (int n : new int[] {1, 7, 8, 16, 17, 32, 40, 64}) {
            for (int taps : new int[] {1, 3, 4, 5, 9, 10, 14, 25}) {
                int events = rng.nextInt(12), rows = 6, wOff = 3, yStride = n + rng.nextInt(3), from = 2;
                int[] offset = new int[from + events], shift = new int[taps];
                float[] value = new float[from + events];
                for (int e = from; e < from + events; e++) {
                    offset[e] = rng.nextInt(rows) * n;
                    value[e] = (1 + rng.nextInt(4)) * 0.25f;
                }
                for (int t = 0; t < taps; t++) shift[t] = rng.nextInt(rows) * n + rng.nextInt(2);
                float[] w = gaussian(wOff + 2 * rows * n + 2, rng), y0 = gaussian(5 + taps * yStride, rng), y1 = y0.clone();
                float[] expected = y0.clone();
                new ScalarEventKernel().sumShifted(from, from + events, offset, value, w, wOff, shift, taps, y0, 5, yStride, n);
                new PanamaEventKernel().sumShifted(from, from + events, offset, value, w, wOff, shift, taps, y1, 5, yStride, n);
                assertArrayEquals(y0, y1, 0f, "n " + n + " taps " + taps);
                int[] moved = new int[offset.length];    // tap by tap: sum over the events moved by the tap's shift
                for (int t = 0; t < taps; t++) {
                    for (int e = 0; e < offset.length; e++) moved[e] = wOff + offset[e] + shift[t];
                    new ScalarEventKernel().sum(from, from + events, moved, value, w, expected, 5 + t * yStride, n, EventKernel.Into.ADD);
                }
                assertArrayEquals(expected, y0, 0f, "n " + n + " taps " + taps);
            }
        }
    }

    @Test
    void channelsLastAndColumnSumsMatchTheirScalarTwins() {
        Rng rng = new Rng(13);
        for (int[] shape : new int[][] {{16, 16}, {196, 16}, {196, 64}, {7, 10}, {33, 17}, {49, 5}}) {
            int plane = shape[0], outC = shape[1], row = EventKernels.padded(outC);
            float[] x = gaussian(2 + outC * plane, rng);
            float[] expected = new float[4 + plane * row];
            new ScalarEventKernel().toChannelsLast(x, 2, plane, outC, expected, 4, row);
            assertEquals(x[2 + (outC - 1) * plane + plane - 1], expected[4 + (plane - 1) * row + outC - 1]);
            double[] sums = new double[1 + row];
            new ScalarEventKernel().addColumnSums(expected, 4, plane, row, sums, 1);
            double exact = 0;
            for (int p = 0; p < plane; p++) exact += x[2 + p];
            assertEquals(exact, sums[1], 1e-4 * plane);
            for (EventKernel body : bodies()) {
                float[] rows = new float[4 + plane * row];
                body.toChannelsLast(x, 2, plane, outC, rows, 4, row);
                assertArrayEquals(expected, rows, 0f, body.getClass().getSimpleName() + " " + plane + "x" + outC);
                double[] s = new double[1 + row];
                body.addColumnSums(rows, 4, plane, row, s, 1);
                assertArrayEquals(sums, s, 0, body.getClass().getSimpleName() + " sums " + plane + "x" + outC);
            }
        }
    }

    @Test
    void listsSummedSideBySideMatchTheScalarTwin() {
        assumeTrue(KernelProvider.whyNotVector().isEmpty(), "Vector API not available");
        Rng rng = new Rng(9);
        for (int n : new int[] {8, 16, 32, 48, 64, 128}) {
            for (int lists : new int[] {1, 2, 3, 4, 7, 13}) {
                int stride = 12, rows = 5, from = lists > 3 ? 1 : 0, yOff = 3;
                int[] end = new int[lists], offset = new int[lists * stride];
                float[] value = new float[lists * stride];
                for (int p = 0; p < lists; p++) {
                    end[p] = p * stride + rng.nextInt(stride + 1);        // lengths 0 to 12, unequal
                    for (int e = p * stride; e < end[p]; e++) {
                        offset[e] = rng.nextInt(rows) * n;
                        value[e] = (1 + rng.nextInt(4)) * 0.25f;
                    }
                }
                float[] w = gaussian(rows * n, rng);
                float[] y0 = gaussian(yOff + lists * n, rng), y1 = y0.clone();
                new ScalarEventKernel().sumLists(from, lists, stride, end, offset, value, w, y0, yOff, n);
                new PanamaEventKernel().sumLists(from, lists, stride, end, offset, value, w, y1, yOff, n);
                assertArrayEquals(y0, y1, 0f, "n " + n + " lists " + lists);
            }
        }
    }

    @Test
    void densitySamplesImagesEvenly() {
        float[] x = new float[64 * 10];
        for (int i = 0; i < 64; i++) x[i * 10] = 1;          // one of ten inputs per image
        assertEquals(0.1, EventKernels.density(x, 64, 10, 8), 0);
        assertEquals(0, EventKernels.density(new float[0], 0, 10, 8), 0);
    }

    @Test
    void transposedSwapsTheAxesIntoRowsPaddedToWholeVectors() {
        float[] t = EventKernels.transposed(2, 3, new float[] {1, 2, 3, 4, 5, 6});
        assertEquals(3 * 16, t.length);
        assertArrayEquals(new float[] {1, 4}, java.util.Arrays.copyOfRange(t, 0, 2));
        assertArrayEquals(new float[] {2, 5}, java.util.Arrays.copyOfRange(t, 16, 18));
        assertArrayEquals(new float[] {3, 6, 0}, java.util.Arrays.copyOfRange(t, 32, 35));
        assertEquals(32, EventKernels.padded(17));
        assertEquals(1008, EventKernels.padded(1000));
        assertEquals(1040, EventKernels.padded(1024), "a row of whole kilobytes gets one more vector (L1 aliasing)");
        assertEquals(272, EventKernels.padded(250));
        assertEquals(0, EventKernels.padded(0));
    }

    @Test
    void badSizesAreRefused() {
        ConvGeometry g = ConvGeometry.square(1, 1, 3, 3, 1, 3, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> EventKernels.convForward(g, new float[8], new float[9 * 16], null, new float[9]));
        assertThrows(IllegalArgumentException.class, () -> EventKernels.convForward(g, new float[9], new float[9 * 16], new float[2], new float[9]));
        assertThrows(IllegalArgumentException.class, () -> EventKernels.linearForward(2, 3, 4, new float[6], new float[3 * 16], null, new float[7]));
        assertThrows(IllegalArgumentException.class, () -> EventKernels.transposed(2, 3, new float[5]));
    }
}
