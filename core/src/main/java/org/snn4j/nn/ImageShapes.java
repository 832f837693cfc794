package org.snn4j.nn;

import java.util.Arrays;
import org.snn4j.tensor.Tensor;

/** Shape checks shared by the image layers (conv, pooling) over {@code [T, N, C, H, W]} sequences. */
final class ImageShapes {
    private ImageShapes() {}

    /** @throws ShapeException unless {@code input} is {@code [T, N, C, H, W]} */
    static void requireSequenceOfImages(String layer, Tensor input) {
        if (input.rank() != 5) {
            throw new ShapeException(layer, "input rank", "5 ([T, N, C, H, W])", input.rank() + " " + input.shapeString());
        }
    }

    /** @throws ShapeException unless {@code sample} is {@code [C, H, W]} */
    static void requireImage(String layer, int[] sample) {
        if (sample.length != 3) {
            throw new ShapeException(layer, "input sample shape", "[C, H, W]", Arrays.toString(sample));
        }
    }

    /**
     * Output height or width of a window {@code k} with {@code stride} and {@code pad} over {@code size}.
     *
     * @throws ShapeException when the padded input is smaller than the window
     */
    static int windowOutput(String layer, String what, int size, int k, int stride, int pad) {
        long padded = size + 2L * pad;
        if (padded < k) {
            throw new ShapeException(layer, "input " + what, "at least " + (k - 2L * pad) + " for kernel " + k
                    + " and padding " + pad, String.valueOf(size));
        }
        long out = (padded - k) / stride + 1;
        if (out > Integer.MAX_VALUE) {
            throw new ShapeException(layer, "output " + what, "<= 2^31-1 (padding " + pad + ")", String.valueOf(out));
        }
        return (int) out;
    }

    /**
     * How many of the {@code out} windows (size k, {@code stride}, {@code pad}) cover input position {@code i}:
     * the o in [0, out) with {@code o·stride − pad ≤ i < o·stride − pad + k}.
     */
    static int windowsCovering(int i, int out, int k, int stride, int pad) {
        int lo = i + pad - k + 1;                                    // o·stride ≥ lo
        int first = lo <= 0 ? 0 : (lo + stride - 1) / stride;
        int end = Math.min(out, (i + pad) / stride + 1);             // o·stride ≤ i + pad
        return Math.max(0, end - first);
    }

    /** @throws ShapeException when {@code gradOutput} is not shaped like {@code output} */
    static void requireSameShape(String layer, Tensor output, Tensor gradOutput) {
        if (!output.sameShape(gradOutput)) {
            throw new ShapeException(layer, "output gradient shape", output.shapeString(), gradOutput.shapeString());
        }
    }
}
