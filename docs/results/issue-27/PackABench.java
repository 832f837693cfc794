// One-off harness of docs/BENCHMARKS.md, issue 27 (gemm5): packing a 32 x 12544 A (W1-like weight-gradient operand)
// for the 8-row tile (PanamaPacking's vector transposes) and the 6-row tile (GemmPacking's scalar loop, what the
// 256-bit path now uses). Run with -XX:UseAVX=2 for the AVX2 case.
package org.snn4j.kernels;
import java.lang.management.*;
import org.snn4j.tensor.Rng;
public class PackABench {
  public static void main(String[] args) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int m = 32, k = 256 * 49;
    float[] a = new float[m * k], dst = new float[36 * 256];
    new Rng(2).fillUniform(a, -1, 1);
    PanamaGemm p8 = new PanamaGemm(8), p6 = new PanamaGemm(6);
    long b8 = Long.MAX_VALUE, b6 = Long.MAX_VALUE;
    for (int r = 0; r < 60; r++) {
      long t0 = mx.getCurrentThreadCpuTime();
      for (int p0 = 0; p0 < k; p0 += 256) p8.packA(false, a, 0, k, 0, m, p0, 256, dst);
      long t1 = mx.getCurrentThreadCpuTime();
      for (int p0 = 0; p0 < k; p0 += 256) p6.packA(false, a, 0, k, 0, m, p0, 256, dst);
      long t2 = mx.getCurrentThreadCpuTime();
      if (r >= 10) { b8 = Math.min(b8, t1 - t0); b6 = Math.min(b6, t2 - t1); }
    }
    System.out.printf("%d lanes: packA 32 x %d: 8 rows (vector) %.3f ms, 6 rows (scalar) %.3f ms%n", VectorConstants.LANES, k, b8 / 1e6, b6 / 1e6);
  }
}
