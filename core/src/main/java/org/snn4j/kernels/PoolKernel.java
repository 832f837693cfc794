package org.snn4j.kernels;

/**
 * The body of {@link PoolKernels}' 2×2, stride 2, unpadded average and max pooling over a range of planes,
 * with a Vector API body ({@link PanamaPool}) and its scalar twin ({@link ScalarPool}): the same float
 * operations in the same order (average: the two rows added first, then the two columns, then ·¼; max: the
 * four cells compared in row-major order, a later one winning only when strictly greater), so results agree
 * exactly.
 * {@link PoolKernels} checks the arguments and splits the planes over threads; implementations trust them.
 */
interface PoolKernel {
    /**
     * y[q, oy, ox] = ((x[2oy, 2ox] + x[2oy+1, 2ox]) + (x[2oy, 2ox+1] + x[2oy+1, 2ox+1]))·¼ for planes
     * [from, to) of {@code [planes, h, w]}. An odd last row or column of x is not read.
     */
    void avg2Forward(float[] x, int h, int w, float[] y, int from, int to);

    /**
     * dx[q, 2oy + i, 2ox + j] = dy[q, oy, ox]·¼ (i, j ∈ {0, 1}) for planes [from, to); an odd last row or
     * column of dx is set to 0. Every element of those planes of dx is written (no zeroing pass needed).
     */
    void avg2Backward(float[] dy, int h, int w, float[] dx, int from, int to);

    /**
     * y[q, oy, ox] = the first maximum, in row-major order, of x[2oy, 2ox], x[2oy, 2ox+1], x[2oy+1, 2ox],
     * x[2oy+1, 2ox+1] (a later cell wins only when strictly greater, so a NaN first cell stays and a later
     * NaN never wins: the value {@link PoolKernels#maxForward} with an argmax gives) for planes [from, to).
     * No argmax is kept: for inference, where no backward runs. An odd last row or column is not read.
     */
    void max2Forward(float[] x, int h, int w, float[] y, int from, int to);
}
