// One-off harness of docs/BENCHMARKS.md, issue 27: WgBench (the event weight gradient against the GEMM) with two threads and wall time, least of 13 after 2.
package org.snn4j.kernels;
import java.lang.management.*;
import org.snn4j.tensor.Rng;
public class WgBench2 {
  public static void main(String[] a) {
    Parallel.setThreads(2);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), side = Integer.parseInt(a[2]), oc = Integer.parseInt(a[3]);
    ConvGeometry g = ConvGeometry.square(n, c, side, side, oc, 3, 1, 1);
    for (double d : new double[] {0.05, 0.1, 0.2, 0.3, 0.4, 0.5}) {
      Rng rng = new Rng(1);
      float[] x = new float[g.inputSize()], dy = new float[g.outputSize()], w = new float[g.weightSize()], b = new float[oc];
      for (int i = 0; i < x.length; i++) if (rng.nextFloat() < d) x[i] = (1 + rng.nextInt(4)) / 4f;
      rng.fillUniform(dy, -1, 1);
      long bestD = Long.MAX_VALUE, bestE = Long.MAX_VALUE;
      for (int r = 0; r < 15; r++) {
        long t0 = System.nanoTime();
        Conv2dKernels.backwardWeights(g, x, dy, w, b);
        long t1 = System.nanoTime();
        EventWeightGradient.backwardWeights(g, x, dy, w, b);
        long t2 = System.nanoTime();
        if (r >= 2) { bestD = Math.min(bestD, t1 - t0); bestE = Math.min(bestE, t2 - t1); }
      }
      System.out.printf("density %.2f dense %.1f ms events %.1f ms ratio %.2f%n", d, bestD / 1e6, bestE / 1e6, (double) bestD / bestE);
    }
  }
}
