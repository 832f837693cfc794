// One-off harness of docs/BENCHMARKS.md, issue 27 (gemm5): the GEMM exactly as the jar's KernelProvider builds it
// (one kernel class per JVM, as in production), on W1's conv2 backward-data call (M 288, K 64, B packed ahead as
// ConvImpl.byColumns packs dY, N 1176 = 6 images x 196, and 1152 / 1184 without a partial panel), then 512^3 with
// both operands packed by the GEMM; thread CPU time, one thread, best of 70 repetitions of 5 calls after 10.
// Run one JVM per jar, alternating (compile against either jar: it uses only package-private API both have):
// java $(./snn4j --jvm-options) -cp DIR:JAR org.snn4j.kernels.GemmShapeBench
package org.snn4j.kernels;
import java.lang.management.*;
import java.util.*;
import org.snn4j.tensor.Rng;
public class GemmShapeBench {
  public static void main(String[] args) {
    Parallel.setThreads(1);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int m = 288, k = 64;
    int[] ns = {1176, 1152, 1184};
    PackedGemm g = KernelProvider.get().gemm();
    float[] a = new float[m * k]; new Rng(1).fillUniform(a, -1, 1);
    PackedB[] bs = new PackedB[ns.length]; float[][] cs = new float[ns.length][];
    for (int q = 0; q < ns.length; q++) {
      int n = ns[q]; float[] b = new float[k * n]; new Rng(2).fillUniform(b, -1, 1);
      bs[q] = new PackedB(g, k, n, new float[PackedB.size(g, k, n)]);
      for (int p = 0; p < k; p++) bs[q].row(p, b, p * n);
      cs[q] = new float[m * n];
    }
    long[] best = new long[ns.length]; Arrays.fill(best, Long.MAX_VALUE);
    for (int r = 0; r < 80; r++) for (int q = 0; q < ns.length; q++) {
      long t0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < 5; i++) g.sgemm(m, a, 0, k, bs[q], cs[q], 0, ns[q]);
      if (r > 10) best[q] = Math.min(best[q], mx.getCurrentThreadCpuTime() - t0);
    }
    float[] x = new float[512 * 512], y = new float[512 * 512], z = new float[512 * 512];
    new Rng(3).fillUniform(x, -1, 1); new Rng(4).fillUniform(y, -1, 1);
    long big = Long.MAX_VALUE;
    for (int r = 0; r < 30; r++) {
      long t0 = mx.getCurrentThreadCpuTime();
      g.sgemm(false, false, 512, 512, 512, 1f, x, 0, 512, y, 0, 512, 0f, z, 0, 512);
      if (r > 5) big = Math.min(big, mx.getCurrentThreadCpuTime() - t0);
    }
    System.out.printf("%s, load %s%n", KernelProvider.get().name(), new String(readLoad()).trim());
    for (int q = 0; q < ns.length; q++) System.out.printf("PackedB sgemm M 288 K 64 N %d: %.1f us %.1f GF/s%n", ns[q], best[q] / 5e3, 2.0 * m * k * ns[q] * 5 / best[q]);
    System.out.printf("sgemm 512^3: %.1f us %.1f GF/s%n", big / 1e3, 2.0 * 512 * 512 * 512 / big);
  }

  static byte[] readLoad() {
    try { return java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg")); } catch (Exception e) { return new byte[0]; }
  }
}
