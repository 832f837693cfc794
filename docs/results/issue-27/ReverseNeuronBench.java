// Usage: javac --add-modules jdk.incubator.vector -cp core/target/classes -d OUT ReverseOldLoops.java ReverseNeuronBench.java; java --add-modules jdk.incubator.vector -cp core/target/classes:OUT org.snn4j.kernels.ReverseNeuronBench
// A/B of the neuron loops: the kernels before (OldPanamaNeuronLoops, a copy of main's) and now, thread CPU time, alternating.
package org.snn4j.kernels;
import java.lang.management.*;
import org.snn4j.tensor.Rng;
public class ReverseNeuronBench {
  public static void main(String[] a) {
    Parallel.setThreads(1);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    NeuronSpec spec = new NeuronSpec(0.9f, 1f, false, false, true, false, new SurrogateSpec(SurrogateKind.TRIANGLE, 0.3f, 0f));
    int steps = 8, tile = 1568;
    Rng rng = new Rng(1);
    float[] xh = new float[tile], x = new float[steps * tile], gs = new float[steps * tile];
    float[] gh = new float[tile], g = new float[steps * tile], s = new float[steps * tile];
    rng.fillUniform(xh, -0.2f, 0.6f); rng.fillUniform(x, -0.5f, 1f); rng.fillUniform(gs, -1e-3f, 1e-3f);
    String[] names = {"reverse held", "reverse", "forward"};
    for (int rep = 0; rep < 5; rep++) {
      long[][] best = new long[2][3];
      for (long[] b : best) java.util.Arrays.fill(b, Long.MAX_VALUE);
      for (int r = 0; r < 100; r++) {
        for (int k = 0; k < 2; k++) {
          boolean o = k == 0;
          long t0 = mx.getCurrentThreadCpuTime();
          for (int i = 0; i < 20; i++) if (o) OldPanamaNeuronLoops.INSTANCE.reverse(spec, xh, gs, gh, steps, tile, 0, tile, null, true); else PanamaNeuronLoops.INSTANCE.reverse(spec, xh, gs, gh, steps, tile, 0, tile, null, true, 0, tile);
          long t1 = mx.getCurrentThreadCpuTime();
          for (int i = 0; i < 20; i++) if (o) OldPanamaNeuronLoops.INSTANCE.reverse(spec, x, gs, g, steps, tile, 0, tile, null, false); else PanamaNeuronLoops.INSTANCE.reverse(spec, x, gs, g, steps, tile, 0, tile, null, false, 0, tile);
          long t2 = mx.getCurrentThreadCpuTime();
          for (int i = 0; i < 20; i++) if (o) OldPanamaNeuronLoops.INSTANCE.forward(spec, x, s, steps, tile, 0, tile, false, null); else PanamaNeuronLoops.INSTANCE.forward(spec, x, s, steps, tile, 0, tile, false, null);
          long t3 = mx.getCurrentThreadCpuTime();
          best[k][0] = Math.min(best[k][0], t1 - t0); best[k][1] = Math.min(best[k][1], t2 - t1); best[k][2] = Math.min(best[k][2], t3 - t2);
        }
      }
      double per = 20.0 * steps * tile;
      StringBuilder sb = new StringBuilder("ns per neuron-step, before -> now:");
      for (int i = 0; i < 3; i++) sb.append(String.format("  %s %.3f -> %.3f (x%.2f)", names[i], best[0][i] / per, best[1][i] / per, (double) best[0][i] / best[1][i]));
      System.out.println(sb);
    }
  }
}
