// One-off harness (issue 27, branch inf32): W1's fc1 at inference, T = 32, batch 256 (8,192 rows of 3,136 inputs -> 10
// outputs, inputs average-pooled spikes: 0, 1/4 ... 1), by the dense GEMM (Linear's forward) and by events
// (EventKernels.linearForward), alternating in one process, thread CPU time, best of 8 after 3 warm-ups.
// Usage: javac -d DIR --add-modules jdk.incubator.vector -cp core/target/classes docs/results/issue-27/LinearFwdBench.java
//        java --add-modules jdk.incubator.vector -cp core/target/classes:DIR org.snn4j.kernels.LinearFwdBench [rows] [densities]
package org.snn4j.kernels;
import java.lang.management.*;
import org.snn4j.tensor.Rng;
public class LinearFwdBench {
  public static void main(String[] a) {
    Parallel.setThreads(1);
    int rows = a.length > 0 ? Integer.parseInt(a[0]) : 8192, in = 3136, out = 10;
    String ds = a.length > 1 ? a[1] : "0.1,0.2,0.3,0.42,0.6";
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (String dStr : ds.split(",")) {
      double d = Double.parseDouble(dStr);
      Rng rng = new Rng(1);
      float[] x = new float[rows * in], w = new float[out * in], b = new float[out], yd = new float[rows * out], ye = new float[rows * out];
      for (int i = 0; i < x.length; i++) if (rng.nextFloat() < d) x[i] = (1 + rng.nextInt(4)) / 4f;
      rng.fillUniform(w, -0.1f, 0.1f);
      rng.fillUniform(b, -0.1f, 0.1f);
      float[] wt = EventKernels.transposed(out, in, w);
      long bestD = Long.MAX_VALUE, bestE = Long.MAX_VALUE;
      for (int r = 0; r < 11; r++) {
        long t0 = mx.getCurrentThreadCpuTime();
        Gemm.sgemm(false, true, rows, out, in, 1f, x, 0, in, w, 0, in, 0f, yd, 0, out);
        for (int q = 0; q < rows; q++) for (int j = 0; j < out; j++) yd[q * out + j] += b[j];
        long t1 = mx.getCurrentThreadCpuTime();
        EventKernels.linearForward(rows, in, out, x, wt, b, ye);
        long t2 = mx.getCurrentThreadCpuTime();
        if (r >= 3) { bestD = Math.min(bestD, t1 - t0); bestE = Math.min(bestE, t2 - t1); }
      }
      if (!java.util.Arrays.equals(yd, ye)) throw new AssertionError("differ at density " + d);
      System.out.printf("density %.2f: dense %.2f ms, events %.2f ms, events/dense %.2f%n", d, bestD / 1e6, bestE / 1e6, (double) bestE / bestD);
    }
  }
}
