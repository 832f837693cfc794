package org.snn4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API micro-kernel: an MR×(2·LANES) tile of C held in 2·MR vector accumulators. Per k step it
 * loads one row of the B micro-panel as two vectors, broadcasts the MR A values of that column and issues
 * 2·MR FMAs. Same contract and rounding as its scalar twin {@link ScalarGemm}; only the MR and NR loops are
 * unrolled into named registers.
 *
 * <p>MR follows the register file, which the species width tells: 512-bit vectors mean AVX-512 and its 32
 * registers, where 8 rows (16 accumulators, 8×32) run near the FMA peak (Zen 5, issue 27: 92–96 % of a bare
 * FMA loop's rate on one thread; 12×32, 14×32, 8×48 and 6×64 were no faster); narrower vectors
 * mean AVX2 and its 16 registers, where 16 accumulators plus two B rows and a broadcast spill, and 6 rows
 * (12 accumulators, 6×16) ran 1.7 times as fast as 8×16 (measured with -XX:UseAVX=2; TileBench of issue 27).
 */
final class PanamaGemm implements GemmMicroKernel {
    /** Rows of the tile for the species in use: 8 with 16 lanes (AVX-512), else 6. */
    static final int MR = VectorConstants.LANES >= 16 ? 8 : 6;

    private final int mr;

    /** The kernel for the species in use, {@link #MR} rows. */
    PanamaGemm() {
        this(MR);
    }

    /** The kernel with 6 or 8 rows (tests run both at any width). */
    PanamaGemm(int mr) {
        if (mr != 6 && mr != 8) throw new IllegalArgumentException("rows must be 6 or 8, was " + mr);
        this.mr = mr;
    }

    @Override
    public int mr() {
        return mr;
    }

    @Override
    public int nr() {
        return 2 * VectorConstants.LANES;
    }

    /** Transposed B goes through {@link PanamaPacking} (register transposes) when it supports this NR. */
    @Override
    public void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mb, int p0, int kb, float[] dst) {
        if (!transA && PanamaPacking.supportsA(mr)) {
            PanamaPacking.packA(a, aOff, lda, i0, mb, p0, kb, mr, dst);
        } else {
            GemmPacking.packA(transA, a, aOff, lda, i0, mb, p0, kb, mr, dst);
        }
    }

    @Override
    public boolean allZero(float[] x, int off, int len) {
        return PanamaZeros.allZero(x, off, len);
    }

    @Override
    public void packBRow(float[] src, int srcOff, int n, float[] dst, int dstOff, int panelStride) {
        if (PanamaPacking.supportsRow(nr())) {
            PanamaPacking.packBRow(src, srcOff, n, nr(), dst, dstOff, panelStride);
        } else {
            GemmPacking.packBRow(src, srcOff, n, nr(), dst, dstOff, panelStride);
        }
    }

    @Override
    public void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kb, int j0, int nb, float[] dst) {
        if (transB && PanamaPacking.supports(nr())) {
            PanamaPacking.packBTransposed(b, bOff, ldb, p0, kb, j0, nb, nr(), dst);
        } else if (!transB && PanamaPacking.supportsRow(nr())) {
            for (int p = 0; p < kb; p++) packBRow(b, bOff + (p0 + p) * ldb + j0, nb, dst, p * nr(), kb * nr());
        } else {
            GemmPacking.packB(transB, b, bOff, ldb, p0, kb, j0, nb, nr(), dst);
        }
    }

    @Override
    public void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float alpha, float beta,
                         float[] c, int cOff, int ldc) {
        if (mr == 8) {
            multiply8(kc, a, aOff, b, bOff, alpha, beta, c, cOff, ldc);
        } else {
            multiply6(kc, a, aOff, b, bOff, alpha, beta, c, cOff, ldc);
        }
    }

    /** The 8-row tile, 16 accumulators. */
    private static void multiply8(int kc, float[] a, int aOff, float[] b, int bOff, float alpha, float beta,
                                  float[] c, int cOff, int ldc) {
        VectorSpecies<Float> s = VectorConstants.FLOATS;
        int lanes = VectorConstants.LANES, nr = 2 * lanes;
        FloatVector zero = FloatVector.zero(s);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero, c50 = zero, c51 = zero, c60 = zero, c61 = zero, c70 = zero, c71 = zero;
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += 8, bi += nr) {
            FloatVector b0 = FloatVector.fromArray(s, b, bi);
            FloatVector b1 = FloatVector.fromArray(s, b, bi + lanes);
            FloatVector x = FloatVector.broadcast(s, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(s, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(s, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(s, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(s, a[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(s, a[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(s, a[ai + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(s, a[ai + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        // the store formula of GemmMicroKernel, written out: a helper taking vectors would not be inlined
        // in a method this large, and passing vectors to a call boxes them
        FloatVector alphaV = FloatVector.broadcast(s, alpha);
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc,
                r7 = r6 + ldc;
        if (beta == 0f) {
            c00.mul(alphaV).intoArray(c, r0);
            c01.mul(alphaV).intoArray(c, r0 + lanes);
            c10.mul(alphaV).intoArray(c, r1);
            c11.mul(alphaV).intoArray(c, r1 + lanes);
            c20.mul(alphaV).intoArray(c, r2);
            c21.mul(alphaV).intoArray(c, r2 + lanes);
            c30.mul(alphaV).intoArray(c, r3);
            c31.mul(alphaV).intoArray(c, r3 + lanes);
            c40.mul(alphaV).intoArray(c, r4);
            c41.mul(alphaV).intoArray(c, r4 + lanes);
            c50.mul(alphaV).intoArray(c, r5);
            c51.mul(alphaV).intoArray(c, r5 + lanes);
            c60.mul(alphaV).intoArray(c, r6);
            c61.mul(alphaV).intoArray(c, r6 + lanes);
            c70.mul(alphaV).intoArray(c, r7);
            c71.mul(alphaV).intoArray(c, r7 + lanes);
        } else {
            FloatVector betaV = FloatVector.broadcast(s, beta);
            c00.fma(alphaV, FloatVector.fromArray(s, c, r0).mul(betaV)).intoArray(c, r0);
            c01.fma(alphaV, FloatVector.fromArray(s, c, r0 + lanes).mul(betaV)).intoArray(c, r0 + lanes);
            c10.fma(alphaV, FloatVector.fromArray(s, c, r1).mul(betaV)).intoArray(c, r1);
            c11.fma(alphaV, FloatVector.fromArray(s, c, r1 + lanes).mul(betaV)).intoArray(c, r1 + lanes);
            c20.fma(alphaV, FloatVector.fromArray(s, c, r2).mul(betaV)).intoArray(c, r2);
            c21.fma(alphaV, FloatVector.fromArray(s, c, r2 + lanes).mul(betaV)).intoArray(c, r2 + lanes);
            c30.fma(alphaV, FloatVector.fromArray(s, c, r3).mul(betaV)).intoArray(c, r3);
            c31.fma(alphaV, FloatVector.fromArray(s, c, r3 + lanes).mul(betaV)).intoArray(c, r3 + lanes);
            c40.fma(alphaV, FloatVector.fromArray(s, c, r4).mul(betaV)).intoArray(c, r4);
            c41.fma(alphaV, FloatVector.fromArray(s, c, r4 + lanes).mul(betaV)).intoArray(c, r4 + lanes);
            c50.fma(alphaV, FloatVector.fromArray(s, c, r5).mul(betaV)).intoArray(c, r5);
            c51.fma(alphaV, FloatVector.fromArray(s, c, r5 + lanes).mul(betaV)).intoArray(c, r5 + lanes);
            c60.fma(alphaV, FloatVector.fromArray(s, c, r6).mul(betaV)).intoArray(c, r6);
            c61.fma(alphaV, FloatVector.fromArray(s, c, r6 + lanes).mul(betaV)).intoArray(c, r6 + lanes);
            c70.fma(alphaV, FloatVector.fromArray(s, c, r7).mul(betaV)).intoArray(c, r7);
            c71.fma(alphaV, FloatVector.fromArray(s, c, r7 + lanes).mul(betaV)).intoArray(c, r7 + lanes);
        }
    }

    /**
     * The 6-row tile, 12 accumulators: multiply8 without rows 6 and 7. A second body rather than one with
     * a row count: the accumulators must be named locals for C2 to keep them in registers.
     */
    private static void multiply6(int kc, float[] a, int aOff, float[] b, int bOff, float alpha, float beta,
                                  float[] c, int cOff, int ldc) {
        VectorSpecies<Float> s = VectorConstants.FLOATS;
        int lanes = VectorConstants.LANES, nr = 2 * lanes;
        FloatVector zero = FloatVector.zero(s);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero, c40 = zero, c41 = zero, c50 = zero, c51 = zero;
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += 6, bi += nr) {
            FloatVector b0 = FloatVector.fromArray(s, b, bi);
            FloatVector b1 = FloatVector.fromArray(s, b, bi + lanes);
            FloatVector x = FloatVector.broadcast(s, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(s, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(s, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(s, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(s, a[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(s, a[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        FloatVector alphaV = FloatVector.broadcast(s, alpha);
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        if (beta == 0f) {
            c00.mul(alphaV).intoArray(c, r0);
            c01.mul(alphaV).intoArray(c, r0 + lanes);
            c10.mul(alphaV).intoArray(c, r1);
            c11.mul(alphaV).intoArray(c, r1 + lanes);
            c20.mul(alphaV).intoArray(c, r2);
            c21.mul(alphaV).intoArray(c, r2 + lanes);
            c30.mul(alphaV).intoArray(c, r3);
            c31.mul(alphaV).intoArray(c, r3 + lanes);
            c40.mul(alphaV).intoArray(c, r4);
            c41.mul(alphaV).intoArray(c, r4 + lanes);
            c50.mul(alphaV).intoArray(c, r5);
            c51.mul(alphaV).intoArray(c, r5 + lanes);
        } else {
            FloatVector betaV = FloatVector.broadcast(s, beta);
            c00.fma(alphaV, FloatVector.fromArray(s, c, r0).mul(betaV)).intoArray(c, r0);
            c01.fma(alphaV, FloatVector.fromArray(s, c, r0 + lanes).mul(betaV)).intoArray(c, r0 + lanes);
            c10.fma(alphaV, FloatVector.fromArray(s, c, r1).mul(betaV)).intoArray(c, r1);
            c11.fma(alphaV, FloatVector.fromArray(s, c, r1 + lanes).mul(betaV)).intoArray(c, r1 + lanes);
            c20.fma(alphaV, FloatVector.fromArray(s, c, r2).mul(betaV)).intoArray(c, r2);
            c21.fma(alphaV, FloatVector.fromArray(s, c, r2 + lanes).mul(betaV)).intoArray(c, r2 + lanes);
            c30.fma(alphaV, FloatVector.fromArray(s, c, r3).mul(betaV)).intoArray(c, r3);
            c31.fma(alphaV, FloatVector.fromArray(s, c, r3 + lanes).mul(betaV)).intoArray(c, r3 + lanes);
            c40.fma(alphaV, FloatVector.fromArray(s, c, r4).mul(betaV)).intoArray(c, r4);
            c41.fma(alphaV, FloatVector.fromArray(s, c, r4 + lanes).mul(betaV)).intoArray(c, r4 + lanes);
            c50.fma(alphaV, FloatVector.fromArray(s, c, r5).mul(betaV)).intoArray(c, r5);
            c51.fma(alphaV, FloatVector.fromArray(s, c, r5 + lanes).mul(betaV)).intoArray(c, r5 + lanes);
        }
    }
}
