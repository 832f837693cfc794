// One-off harness of docs/BENCHMARKS.md, issue 27 (gemm5): where the time of W1's conv2 backward-data GEMM shape
// (M 288, K 64, N given) goes with the 512-bit kernel: packing A and B, the zero tests, the full-tile micro-kernel
// calls writing into C (ldc N) and into one small tile (no C traffic), and the whole sgemm (B packed by the GEMM).
// Thread CPU time, one thread, best of 50 after 10. Compile against the jar, run with -cp DIR:JAR org.snn4j.kernels.GemmPartsBench N
package org.snn4j.kernels;
import java.lang.management.*;
import java.util.*;
import org.snn4j.tensor.Rng;
public class GemmPartsBench {
  public static void main(String[] args) {
    Parallel.setThreads(1);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int m = 288, k = 64, n = Integer.parseInt(args[0]);
    PanamaGemm kr = new PanamaGemm();
    int mr = 8, nr = 32, np = (n + nr - 1) / nr;
    float[] a = new float[m * k], b = new float[k * n], c = new float[m * n], tile = new float[mr * nr];
    new Rng(1).fillUniform(a, -1, 1); new Rng(2).fillUniform(b, -1, 1);
    float[] ap = new float[m * k], bp = new float[np * nr * k];
    PackedGemm g = new PackedGemm(kr);
    long[] best = new long[6]; Arrays.fill(best, Long.MAX_VALUE);
    boolean[] live = new boolean[np];
    for (int r = 0; r < 60; r++) {
      long t0 = mx.getCurrentThreadCpuTime();
      kr.packA(false, a, 0, k, 0, 192, 0, k, ap); kr.packA(false, a, 0, k, 192, 96, 0, k, ap);
      long t1 = mx.getCurrentThreadCpuTime();
      kr.packB(false, b, 0, n, 0, k, 0, Math.min(n, 768), bp); if (n > 768) kr.packB(false, b, 0, n, 0, k, 768, n - 768, bp);
      long t2 = mx.getCurrentThreadCpuTime();
      boolean any = false; for (int q = 0; q < np; q++) any |= kr.allZero(bp, q * nr * k, nr * k);
      for (int q = 0; q < m / mr; q++) any |= kr.allZero(ap, q * mr * k, mr * k);
      long t3 = mx.getCurrentThreadCpuTime();
      for (int ir = 0; ir < m; ir += mr) for (int jr = 0; jr + nr <= n; jr += nr) kr.multiply(k, ap, ir * k, bp, jr * k, 1f, 0f, c, ir * n + jr, n);
      long t4 = mx.getCurrentThreadCpuTime();
      for (int ir = 0; ir < m; ir += mr) for (int jr = 0; jr + nr <= n; jr += nr) kr.multiply(k, ap, ir * k, bp, jr * k, 1f, 0f, tile, 0, nr);
      long t5 = mx.getCurrentThreadCpuTime();
      g.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
      long t6 = mx.getCurrentThreadCpuTime();
      if (r > 10) { best[0] = Math.min(best[0], t1 - t0); best[1] = Math.min(best[1], t2 - t1); best[2] = Math.min(best[2], t3 - t2);
        best[3] = Math.min(best[3], t4 - t3); best[4] = Math.min(best[4], t5 - t4); best[5] = Math.min(best[5], t6 - t5); }
    }
    double full = 2.0 * m * (n / nr * nr) * k;
    System.out.printf("N %d: packA %.1f us packB %.1f us zero tests %.1f us kernels into C %.1f us (%.1f GF/s) into one tile %.1f us (%.1f GF/s) whole sgemm %.1f us (%.1f GF/s)%n",
      n, best[0] / 1e3, best[1] / 1e3, best[2] / 1e3, best[3] / 1e3, full / best[3], best[4] / 1e3, full / best[4], best[5] / 1e3, 2.0 * m * n * k / best[5]);
  }
}
