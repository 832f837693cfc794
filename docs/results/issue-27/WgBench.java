// One-off harness of docs/BENCHMARKS.md, issue 27: the weight gradient of W1's conv2 by GEMM and by events, thread CPU time.
package org.snn4j.kernels;
import java.lang.management.*;
import org.snn4j.tensor.Rng;
public class WgBench {
  public static void main(String[] a) {
    int threads = a.length > 4 ? Integer.parseInt(a[4]) : 1;   // optional 5th argument: threads (then wall time, least of 13)
    Parallel.setThreads(threads);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), side = Integer.parseInt(a[2]), oc = Integer.parseInt(a[3]);
    ConvGeometry g = ConvGeometry.square(n, c, side, side, oc, 3, 1, 1);
    for (double d : new double[] {0.05, 0.1, 0.2, 0.3, 0.4, 0.5}) {
      Rng rng = new Rng(1);
      float[] x = new float[g.inputSize()], dy = new float[g.outputSize()], w = new float[g.weightSize()], b = new float[oc];
      for (int i = 0; i < x.length; i++) if (rng.nextFloat() < d) x[i] = (1 + rng.nextInt(4)) / 4f;
      rng.fillUniform(dy, -1, 1);
      long bestD = Long.MAX_VALUE, bestE = Long.MAX_VALUE;
      for (int r = 0; r < (threads == 1 ? 7 : 15); r++) {
        long t0 = clock(mx, threads);
        Conv2dKernels.backwardWeights(g, x, dy, w, b);
        long t1 = clock(mx, threads);
        EventWeightGradient.backwardWeights(g, x, dy, w, b);
        long t2 = clock(mx, threads);
        if (r >= 2) { bestD = Math.min(bestD, t1 - t0); bestE = Math.min(bestE, t2 - t1); }
      }
      System.out.printf("density %.2f dense %.1f ms events %.1f ms ratio %.2f%n", d, bestD / 1e6, bestE / 1e6, (double) bestD / bestE);
    }
  }

  /** The calling thread's CPU time on one thread; wall time when the kernels use more. */
  static long clock(ThreadMXBean mx, int threads) {
    return threads == 1 ? mx.getCurrentThreadCpuTime() : System.nanoTime();
  }
}
