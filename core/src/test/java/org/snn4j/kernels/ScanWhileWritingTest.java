package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kernels that scan their output for NaN and ±∞ as they write it ({@link Gemm#sgemmFinite}, {@link Conv2dKernels#forward},
 * {@link Conv2dKernels#backwardData}): the flag they return is exactly whether a scan of the whole output finds
 * nothing, and the output has the bits of the kernel that does not scan. Operands at densities 0 % to 100 %, with a
 * NaN or an infinity injected, values that overflow, and (GEMM) non-finite values already in C; 1 and 2 threads.
 */
class ScanWhileWritingTest {
    private final int threadsBefore = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threadsBefore);
    }

    /** What goes wrong in an operand. */
    private enum Fault { NONE, NAN, INFINITY, OVERFLOW }

    private static final double[] DENSITIES = {0, 0.3, 1};

    @Test
    void gemmFlagIsTheScanOfC() {
        SplittableRandom random = new SplittableRandom(41);
        int[][] shapes = {{512, 300, 10}, {37, 70, 300}, {8, 32, 16}, {130, 9, 700}, {1, 1, 1}, {5, 7, 0}};
        for (KernelProvider provider : providers()) {
            GemmMicroKernel kernel = provider.name().equals("scalar") ? new ScalarGemm() : new PanamaGemm();
            for (PackedGemm gemm : List.of(provider.gemm(), new PackedGemm(kernel, 7, 9, 40))) {
                for (int[] shape : shapes) {
                    for (double density : DENSITIES) {
                        for (Fault fault : Fault.values()) {
                            for (boolean faultInC : new boolean[] {false, true}) {
                                checkGemm(provider.name(), gemm, shape, density, fault, faultInC, random);
                            }
                        }
                    }
                }
            }
        }
    }

    private void checkGemm(String name, PackedGemm gemm, int[] shape, double density, Fault fault, boolean faultInC,
                           SplittableRandom random) {
        int m = shape[0], n = shape[1], k = shape[2];
        boolean transA = random.nextBoolean(), transB = random.nextBoolean();
        float alpha = random.nextBoolean() ? 1f : -0.5f, beta = faultInC ? 1f : random.nextBoolean() ? 0f : 0.5f;
        float[] a = values(m * k, density, random), b = values(k * n, 1, random), c0 = values(m * n, 1, random);
        if (faultInC) inject(c0, fault, random);
        else inject(random.nextBoolean() ? a : b, fault, random);
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            float[] plain = c0.clone(), scanned = c0.clone();
            gemm.sgemm(transA, transB, m, n, k, alpha, a, 0, transA ? m : k, b, 0, transB ? k : n, beta, plain, 0, n);
            boolean finite = gemm.sgemmFinite(transA, transB, m, n, k, alpha, a, 0, transA ? m : k, b, 0, transB ? k : n,
                    beta, scanned, 0, n);
            String what = name + " " + Arrays.toString(shape) + " density " + density + " " + fault + (faultInC ? " in C" : "")
                    + " threads " + threads;
            assertArrayEquals(plain, scanned, what);
            assertEquals(Reductions.firstNonFinite(scanned, 0, scanned.length) < 0, finite, what);
        }
    }

    @Test
    void gemmFacadeReportsANaNItWrote() {
        float[] a = {1, Float.NaN, 3, 4}, b = {1, 0, 0, 1}, c = new float[4];
        assertFalse(Gemm.sgemmFinite(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2));
        assertEquals(Float.floatToIntBits(Float.NaN), Float.floatToIntBits(c[1]));
    }

    /** W1's and W5's backward-data shapes (both paths: the flipped forward and the col2im), and the facade's shapes. */
    static List<ConvGeometry> geometries() {
        List<ConvGeometry> list = new java.util.ArrayList<>(Conv2dKernelsTest.shapes().toList());
        list.add(ConvGeometry.square(9, 4, 14, 14, 8, 3, 1, 1));     // C < outC: GEMM + col2im, several chunks
        list.add(ConvGeometry.square(9, 8, 6, 6, 4, 3, 1, 1));       // C >= outC: the flipped forward
        list.add(ConvGeometry.square(3, 1, 28, 28, 6, 3, 1, 1));     // one channel in: W1's first convolution
        return list;
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void convolutionFlagsAreTheScanOfTheirOutput(ConvGeometry g) {
        SplittableRandom random = new SplittableRandom(g.inputSize() * 31L + g.outC());
        for (double density : DENSITIES) {
            for (Fault fault : Fault.values()) {
                float[] x = values(g.inputSize(), density, random), w = values(g.weightSize(), 1, random);
                float[] bias = values(g.outC(), 1, random), dy = values(g.outputSize(), density, random);
                inject(x, fault, random);
                inject(dy, fault, random);
                for (int threads = 1; threads <= 2; threads++) {
                    Parallel.setThreads(threads);
                    String what = g + " density " + density + " " + fault + " threads " + threads;
                    float[] y = new float[g.outputSize()], dx = new float[g.inputSize()];
                    Arrays.fill(y, Float.NaN);                       // recycled arrays: every element is written
                    Arrays.fill(dx, Float.NaN);
                    boolean yFinite = Conv2dKernels.forward(g, x, w, bias, y);
                    assertEquals(Reductions.firstNonFinite(y, 0, y.length) < 0, yFinite, what + " forward");
                    boolean dxFinite = Conv2dKernels.backwardData(g, dy, w, dx);
                    assertEquals(Reductions.firstNonFinite(dx, 0, dx.length) < 0, dxFinite, what + " backward-data");
                    if (threads == 1 && g.c() < g.outC()) {
                        float[] byColumns = new float[dx.length];
                        assertEquals(dxFinite, ConvImpl.byColumns(g, dy, w, byColumns, 2), what + " col2im in chunks of 2");
                        assertArrayEquals(dx, byColumns, what);
                    }
                }
            }
        }
    }

    /** Values in (−1, 1), about {@code density} of them nonzero (the others ±0). */
    private static float[] values(int size, double density, SplittableRandom random) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = random.nextDouble() < density ? (float) random.nextDouble(-1, 1) : random.nextBoolean() ? 0f : -0f;
        }
        return x;
    }

    /** Puts {@code fault} into x: one NaN or infinity at a random element, or huge values whose sums overflow. */
    private static void inject(float[] x, Fault fault, SplittableRandom random) {
        if (x.length == 0 || fault == Fault.NONE) return;
        int at = random.nextInt(x.length);
        switch (fault) {
            case NAN -> x[at] = Float.NaN;
            case INFINITY -> x[at] = random.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
            default -> {
                for (int i = 0; i < x.length; i++) x[i] = x[i] == 0f ? x[i] : Math.copySign(3e38f, x[i]);
            }
        }
    }

    private static List<KernelProvider> providers() {
        return KernelProvider.whyNotVector().isEmpty()
                ? List.of(KernelProvider.scalar(), KernelProvider.vector())
                : List.of(KernelProvider.scalar());
    }
}
