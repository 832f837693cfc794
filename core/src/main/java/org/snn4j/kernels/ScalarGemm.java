package org.snn4j.kernels;

/**
 * The scalar twin of {@link PanamaGemm}: the reference micro-kernel, plain loops over MR, NR and k
 * with the same per-element operation order ({@code Math.fma} from zero over p, then the shared store
 * formula), so under the same {@link PackedGemm} driver it returns results bit-identical to the vector
 * kernel. The fast kernel differs only in that its MR and NR loops are fully unrolled into registers.
 * Used when the Vector API is unavailable, and as the specification in tests.
 */
final class ScalarGemm implements GemmMicroKernel {
    static final int MR = 4;
    static final int NR = 16;

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float alpha, float beta,
                         float[] c, int cOff, int ldc) {
        float[] acc = new float[MR * NR];
        for (int p = 0; p < kc; p++) {
            int ai = aOff + p * MR, bi = bOff + p * NR;
            for (int r = 0; r < MR; r++) {
                float ar = a[ai + r];
                for (int j = 0; j < NR; j++) acc[r * NR + j] = Math.fma(ar, b[bi + j], acc[r * NR + j]);
            }
        }
        for (int r = 0; r < MR; r++) {
            int row = cOff + r * ldc;
            for (int j = 0; j < NR; j++) c[row + j] = store(acc[r * NR + j], alpha, beta, c[row + j]);
        }
    }

    /** The one store formula every kernel and the driver's edge merge use. */
    static float store(float acc, float alpha, float beta, float old) {
        return beta == 0f ? alpha * acc : Math.fma(acc, alpha, beta * old);
    }
}
