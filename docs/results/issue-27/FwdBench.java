// One-off harness of docs/BENCHMARKS.md, issue 27: the forward of W1's conv2 by GEMM and by events (the whole batch,
// EventKernels.convForward, and per sample, EventKernels.convSample as the fused inference block runs it), thread CPU time.
// Usage: java -cp JAR:DIR [-Ddensities=0.05,0.15] org.snn4j.kernels.FwdBench [images channels side outChannels]
// (defaults 512 32 14 64); FwdAB.java runs it for two jars in one JVM, alternating.
package org.snn4j.kernels;
import java.lang.management.*;
import org.snn4j.tensor.Rng;
public class FwdBench {
  public static void main(String[] a) {
    Parallel.setThreads(1);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int n = a.length > 0 ? Integer.parseInt(a[0]) : 512, c = a.length > 1 ? Integer.parseInt(a[1]) : 32;
    int side = a.length > 2 ? Integer.parseInt(a[2]) : 14, oc = a.length > 3 ? Integer.parseInt(a[3]) : 64;
    int steps = 8, reps = 9, warm = 3;
    ConvGeometry g = ConvGeometry.square(n, c, side, side, oc, 3, 1, 1);
    String densities = System.getProperty("densities", "0.05,0.1,0.15,0.2,0.25,0.3,0.5");
    for (double d : java.util.Arrays.stream(densities.split(",")).mapToDouble(Double::parseDouble).toArray()) {
      Rng rng = new Rng(1);
      float[] x = new float[g.inputSize()], w = new float[g.weightSize()], b = new float[oc];
      float[] yd = new float[g.outputSize()], ye = new float[g.outputSize()], ys = new float[g.outputSize()];
      for (int i = 0; i < x.length; i++) if (rng.nextFloat() < d) x[i] = (1 + rng.nextInt(4)) / 4f;
      rng.fillUniform(w, -1, 1);
      rng.fillUniform(b, -1, 1);
      float[] wt = EventKernels.transposed(oc, c * 9, w);
      long bestD = Long.MAX_VALUE, bestE = Long.MAX_VALUE, bestS = Long.MAX_VALUE;
      int samples = n / steps, out = oc * g.outPlane();
      for (int r = 0; r < reps; r++) {
        long t0 = mx.getCurrentThreadCpuTime();
        Conv2dKernels.forward(g, x, w, b, yd);
        long t1 = mx.getCurrentThreadCpuTime();
        EventKernels.convForward(g, x, wt, b, ye);
        long t2 = mx.getCurrentThreadCpuTime();
        float[] chunk = new float[steps * out];
        for (int s = 0; s < samples; s++) {
          EventKernels.convSample(g, steps, s, 0, steps, x, wt, b, chunk);
          for (int t = 0; t < steps; t++) System.arraycopy(chunk, t * out, ys, (t * samples + s) * out, out);
        }
        long t3 = mx.getCurrentThreadCpuTime();
        if (r >= warm) { bestD = Math.min(bestD, t1 - t0); bestE = Math.min(bestE, t2 - t1); bestS = Math.min(bestS, t3 - t2); }
      }
      boolean same = java.util.Arrays.equals(yd, ye) && java.util.Arrays.equals(yd, ys);
      System.out.printf("density %.2f dense %.1f ms events %.1f ms (x%.2f) per-sample %.1f ms (x%.2f) %s%n", d, bestD / 1e6, bestE / 1e6,
          (double) bestD / bestE, bestS / 1e6, (double) bestD / bestS, same ? "bit-identical" : "DIFFERENT");
    }
  }
}
