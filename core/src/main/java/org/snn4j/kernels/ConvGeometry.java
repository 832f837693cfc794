package org.snn4j.kernels;

/**
 * The shape of one 2-D convolution over an NCHW batch: {@code n} images of {@code c × h × w} convolved
 * with {@code outC} filters of {@code c × kh × kw}, stride {@code strideH × strideW}, zero padding
 * {@code padH × padW} on each side.
 *
 * <p>Output size: {@code outH = (h + 2·padH − kh) / strideH + 1} (floor), likewise {@code outW}.
 * Arrays: x {@code [n, c, h, w]}, weight {@code [outC, c, kh, kw]}, bias {@code [outC]},
 * y {@code [n, outC, outH, outW]}.
 */
public record ConvGeometry(int n, int c, int h, int w, int outC, int kh, int kw,
                           int strideH, int strideW, int padH, int padW) {

    /** @throws IllegalArgumentException on non-positive sizes or strides, negative padding, or a kernel larger than the padded input */
    public ConvGeometry {
        if (n < 0 || c < 1 || h < 1 || w < 1 || outC < 1 || kh < 1 || kw < 1) {
            throw new IllegalArgumentException("bad conv sizes n=" + n + " c=" + c + " h=" + h + " w=" + w
                    + " outC=" + outC + " kernel=" + kh + "x" + kw);
        }
        if (strideH < 1 || strideW < 1 || padH < 0 || padW < 0) {
            throw new IllegalArgumentException("bad stride " + strideH + "x" + strideW + " or padding " + padH + "x" + padW);
        }
        if (h + 2 * padH < kh || w + 2 * padW < kw) {
            throw new IllegalArgumentException("kernel " + kh + "x" + kw + " larger than padded input "
                    + (h + 2 * padH) + "x" + (w + 2 * padW));
        }
    }

    /** Square kernel, equal stride and padding in both directions. */
    public static ConvGeometry square(int n, int c, int h, int w, int outC, int k, int stride, int pad) {
        return new ConvGeometry(n, c, h, w, outC, k, k, stride, stride, pad, pad);
    }

    /** The same convolution over a different number of images. */
    public ConvGeometry withN(int newN) {
        return new ConvGeometry(newN, c, h, w, outC, kh, kw, strideH, strideW, padH, padW);
    }

    public int outH() {
        return (h + 2 * padH - kh) / strideH + 1;
    }

    public int outW() {
        return (w + 2 * padW - kw) / strideW + 1;
    }

    /** Output positions per image and output channel: {@code outH · outW}. */
    public int outPlane() {
        return outH() * outW();
    }

    /** Rows of the column matrix, the GEMM reduction length: {@code c · kh · kw}. */
    public int patch() {
        return c * kh * kw;
    }

    public int inputSize() {
        return n * c * h * w;
    }

    public int outputSize() {
        return n * outC * outPlane();
    }

    public int weightSize() {
        return outC * patch();
    }

    /** Multiply-adds of one forward pass: {@code n · outC · outH · outW · c · kh · kw}. */
    public long macs() {
        return (long) n * outC * outPlane() * patch();
    }
}
