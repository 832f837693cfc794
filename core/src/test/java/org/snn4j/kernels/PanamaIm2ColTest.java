package org.snn4j.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector column rows against {@link Im2Col#row} and the scalar twin: equal for every row of
 * "same"-padded stride-1 geometries (square and not, odd kernels of any size, the last images of the
 * array, where shifted loads would leave it), with infinities next to the padding (a blend, not a
 * multiply by 0), and for the geometries the vector body hands to {@link Im2Col#row}.
 */
class PanamaIm2ColTest {
    private static final ConvGeometry[] GEOMETRIES = {
        new ConvGeometry(3, 4, 14, 14, 8, 3, 3, 1, 1, 1, 1), new ConvGeometry(2, 3, 7, 9, 5, 5, 5, 1, 1, 2, 2),
        new ConvGeometry(4, 2, 5, 5, 3, 3, 1, 1, 1, 1, 0), new ConvGeometry(2, 2, 1, 20, 2, 1, 3, 1, 1, 0, 1),
        new ConvGeometry(3, 5, 4, 4, 2, 1, 1, 1, 1, 0, 0), new ConvGeometry(2, 1, 28, 28, 4, 3, 3, 1, 1, 1, 1),
        new ConvGeometry(2, 3, 8, 8, 2, 3, 3, 2, 2, 1, 1), new ConvGeometry(2, 2, 8, 7, 3, 3, 3, 1, 1, 0, 0)
    };

    @Test
    void rowsEqualTheScalarIm2Col() {
        assumeTrue(KernelProvider.whyNotVector().isEmpty(), "Vector API not available");
        Im2ColKernel vector = KernelProvider.vector().im2col(), scalar = KernelProvider.scalar().im2col();
        SplittableRandom random = new SplittableRandom(23);
        for (ConvGeometry g : GEOMETRIES) {
            float[] x = new float[g.inputSize()];
            for (int i = 0; i < x.length; i++) x[i] = random.nextInt(7) == 0 ? Float.POSITIVE_INFINITY : (float) random.nextDouble(-1, 1);
            boolean[][] inside = vector.insideMasks(g);
            assertEquals(PanamaIm2Col.serves(g), inside != null, g.toString());
            int plane = g.outPlane();
            for (int i0 = 0; i0 < g.n(); i0++) {
                int b = g.n() - i0, width = b * plane;
                for (int r = 0; r < g.patch(); r++) {
                    float[] expected = new float[width], actual = new float[width + vector.slack()], twin = new float[width];
                    Arrays.fill(actual, Float.NaN);
                    Im2Col.row(g, x, i0, b, r, expected, 0);
                    vector.row(g, x, i0, b, r, inside, actual, 0);
                    scalar.row(g, x, i0, b, r, scalar.insideMasks(g), twin, 0);
                    assertArrayEquals(expected, Arrays.copyOf(actual, width), g + " row " + r + " from image " + i0);
                    assertArrayEquals(expected, twin, g + " row " + r + " from image " + i0);
                }
            }
        }
        assertFalse(PanamaIm2Col.serves(new ConvGeometry(1, 1, 8, 8, 1, 3, 3, 2, 2, 1, 1)), "stride 2");
        assertFalse(PanamaIm2Col.serves(new ConvGeometry(1, 1, 8, 8, 1, 3, 3, 1, 1, 0, 0)), "valid padding");
    }

    /**
     * The vector fold against {@link Im2Col#col2im}, bit for bit: column gradients with infinities, NaN and −0 (also
     * at positions that read the padding, which the fold must not add), every block of images of the array, and the
     * images outside the block left as they were (another thread's).
     */
    @Test
    void foldEqualsTheScalarCol2im() {
        assumeTrue(KernelProvider.whyNotVector().isEmpty(), "Vector API not available");
        Im2ColKernel vector = KernelProvider.vector().im2col(), scalar = KernelProvider.scalar().im2col();
        SplittableRandom random = new SplittableRandom(29);
        for (ConvGeometry g : GEOMETRIES) {
            boolean[][] inside = vector.insideMasks(g);
            int plane = g.outPlane(), image = g.c() * g.h() * g.w();
            for (int i0 = 0; i0 < g.n(); i0++) {
                for (int b = 1; i0 + b <= g.n(); b++) {
                    float[] dcol = new float[g.patch() * b * plane];
                    for (int i = 0; i < dcol.length; i++) {
                        int kind = random.nextInt(20);
                        dcol[i] = kind == 0 ? Float.POSITIVE_INFINITY : kind == 1 ? Float.NaN : kind == 2 ? -0f
                                : (float) random.nextDouble(-1, 1);
                    }
                    float[] expected = new float[g.inputSize()], actual = new float[g.inputSize()], twin = new float[g.inputSize()];
                    Arrays.fill(expected, 7f);
                    Arrays.fill(actual, 7f);
                    Arrays.fill(twin, 7f);
                    Im2Col.col2im(g, dcol, i0, b, expected);
                    vector.col2im(g, dcol.clone(), i0, b, inside, actual);   // scratch: the fold may zero entries
                    scalar.col2im(g, dcol.clone(), i0, b, scalar.insideMasks(g), twin);
                    String what = g + " images " + i0 + " + " + b;
                    assertArrayEquals(expected, actual, what);
                    assertArrayEquals(expected, twin, what);
                    for (int i = 0; i < i0 * image; i++) assertEquals(7f, actual[i], what);
                    for (int i = (i0 + b) * image; i < actual.length; i++) assertEquals(7f, actual[i], what);
                }
            }
        }
    }
}
