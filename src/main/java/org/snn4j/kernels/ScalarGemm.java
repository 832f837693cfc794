package org.snn4j.kernels;

/** The plain-loop GEMM: the reference the fast kernel is tested against. Trusts its arguments. */
final class ScalarGemm {
    private ScalarGemm() {}

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        float[] row = new float[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(row, 0f);
            for (int p = 0; p < k; p++) {
                float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                if (transB) {
                    for (int j = 0; j < n; j++) row[j] += aip * b[bOff + j * ldb + p];
                } else {
                    int bRow = bOff + p * ldb;
                    for (int j = 0; j < n; j++) row[j] += aip * b[bRow + j];
                }
            }
            int cRow = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[cRow + j] = beta == 0f ? alpha * row[j] : alpha * row[j] + beta * c[cRow + j];
            }
        }
    }
}
