package org.snn4j.kernels;

import java.util.Arrays;

/** The scalar twin of {@link PanamaPool}: the specification, and the kernel without the Vector API. */
final class ScalarPool implements PoolKernel {
    @Override
    public void avg2Forward(float[] x, int h, int w, float[] y, int from, int to) {
        int outH = h / 2, outW = w / 2;
        for (int q = from; q < to; q++) {
            for (int oy = 0; oy < outH; oy++) {
                int r0 = (q * h + 2 * oy) * w, r1 = r0 + w, o = (q * outH + oy) * outW;
                for (int ox = 0; ox < outW; ox++) {
                    int c = 2 * ox;
                    y[o + ox] = ((x[r0 + c] + x[r1 + c]) + (x[r0 + c + 1] + x[r1 + c + 1])) * 0.25f;
                }
            }
        }
    }

    @Override
    public void avg2Backward(float[] dy, int h, int w, float[] dx, int from, int to) {
        int outH = h / 2, outW = w / 2, used = 2 * outW;
        for (int q = from; q < to; q++) {
            for (int oy = 0; oy < outH; oy++) {
                int r0 = (q * h + 2 * oy) * w, r1 = r0 + w, o = (q * outH + oy) * outW;
                avg2BackwardColumns(dy, o, dx, r0, r1, 0, outW);
                if (used < w) {
                    dx[r0 + used] = 0f;
                    dx[r1 + used] = 0f;
                }
            }
            if (2 * outH < h) Arrays.fill(dx, (q * h + h - 1) * w, (q + 1) * h * w, 0f);
        }
    }

    /**
     * Output columns [oxFrom, oxTo) of one row pair of {@link #avg2Backward}: the gradient dy[o + ox]·¼
     * spread over dx's 2×2 window at rows r0, r1 (the row end of the vector kernel uses it too).
     */
    static void avg2BackwardColumns(float[] dy, int o, float[] dx, int r0, int r1, int oxFrom, int oxTo) {
        for (int ox = oxFrom; ox < oxTo; ox++) {
            float g = dy[o + ox] * 0.25f;
            int c = 2 * ox;
            dx[r0 + c] = g;
            dx[r0 + c + 1] = g;
            dx[r1 + c] = g;
            dx[r1 + c + 1] = g;
        }
    }

    @Override
    public void max2Forward(float[] x, int h, int w, float[] y, int from, int to) {
        int outH = h / 2, outW = w / 2;
        for (int q = from; q < to; q++) {
            for (int oy = 0; oy < outH; oy++) {
                int r0 = (q * h + 2 * oy) * w;
                max2ForwardColumns(x, r0, r0 + w, y, (q * outH + oy) * outW, 0, outW);
            }
        }
    }

    /**
     * Output columns [oxFrom, oxTo) of one row pair of {@link #max2Forward}: y[o + ox] the first maximum of
     * the 2×2 window at rows r0, r1 (the row end of the vector kernel uses it too).
     */
    static void max2ForwardColumns(float[] x, int r0, int r1, float[] y, int o, int oxFrom, int oxTo) {
        for (int ox = oxFrom; ox < oxTo; ox++) {
            int c = 2 * ox;
            float m = x[r0 + c];
            if (x[r0 + c + 1] > m) m = x[r0 + c + 1];
            if (x[r1 + c] > m) m = x[r1 + c];
            if (x[r1 + c + 1] > m) m = x[r1 + c + 1];
            y[o + ox] = m;
        }
    }
}
