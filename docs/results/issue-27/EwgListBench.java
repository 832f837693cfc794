// One-off harness of issue 27 (branch ewglist): the event weight gradient of jar A (each thread lists every image's
// events) against build B (events listed once, by image, then summed by channel block), in one process through two
// class loaders, calls alternating, the same inputs; the results compared bit for bit. Shapes: W1's conv2 (batch 64 x
// T 8 = 512 images, 32 -> 64 channels at 14 x 14, ~19 % dense) and W5's deep convolutions (batch 32 x T 4 = 128
// images laid out [T, N], densities 2, 8, 12, 14 % by step). Per variant: the least CPU time of the call summed over
// every thread of the process (the caller and the pool's workers), and the least wall time; and the median over the
// alternating pairs of A's time over B's (robust to the load drifting).
// Run: java --add-modules jdk.incubator.vector docs/results/issue-27/EwgListBench.java A.jar B-classes-or-jar THREADS [REPS]
import java.lang.management.*;
import java.lang.reflect.*;
import java.net.*;
import java.nio.file.Path;
import java.util.*;

public class EwgListBench {
  record Variant(String name, Method call, Object[] geometry) {}

  public static void main(String[] a) throws Exception {
    int threads = Integer.parseInt(a[2]), reps = a.length > 3 ? Integer.parseInt(a[3]) : 30;
    ClassLoader[] loaders = {loader(a[0]), loader(a[1])};
    String[] names = {"A", "B"};
    int[][] shapes = {{512, 32, 14, 64}, {128, 64, 8, 128}, {128, 128, 8, 128}, {128, 128, 4, 256}, {128, 256, 4, 256}, {128, 256, 2, 256}};
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (ClassLoader l : loaders) l.loadClass("org.snn4j.kernels.Parallel").getMethod("setThreads", int.class).invoke(null, threads);
    for (int[] s : shapes) {
      int n = s[0], c = s[1], side = s[2], oc = s[3];
      Random rng = new Random(1);
      float[] x = new float[n * c * side * side], dy = new float[n * oc * side * side];
      int img = c * side * side;
      for (int i = 0; i < n; i++) {
        double d = n == 512 ? 0.19 : new double[] {0.02, 0.08, 0.12, 0.14}[i / 32];
        for (int k = 0; k < img; k++) if (rng.nextFloat() < d) x[i * img + k] = (1 + rng.nextInt(4)) / 4f;
      }
      for (int i = 0; i < dy.length; i++) if (rng.nextFloat() < 0.5f) dy[i] = rng.nextFloat() - 0.5f;
      Object[] geometry = new Object[2];
      Method[] call = new Method[2];
      for (int v = 0; v < 2; v++) {
        Class<?> gc = loaders[v].loadClass("org.snn4j.kernels.ConvGeometry");
        geometry[v] = gc.getMethod("square", int.class, int.class, int.class, int.class, int.class, int.class, int.class, int.class)
            .invoke(null, n, c, side, side, oc, 3, 1, 1);
        call[v] = loaders[v].loadClass("org.snn4j.kernels.EventWeightGradient")
            .getMethod("backwardWeights", gc, float[].class, float[].class, float[].class, float[].class);
      }
      float[][] w = new float[2][oc * c * 9], b = new float[2][oc];
      for (int v = 0; v < 2; v++) call[v].invoke(null, geometry[v], x, dy, w[v], b[v]);
      boolean same = Arrays.equals(w[0], w[1]) && Arrays.equals(b[0], b[1]);
      long[] cpu = {Long.MAX_VALUE, Long.MAX_VALUE}, wall = {Long.MAX_VALUE, Long.MAX_VALUE};
      double[] cpuRatio = new double[reps], wallRatio = new double[reps];
      for (int r = 0; r < reps + 5; r++) {
        long[] pc = new long[2], pw = new long[2];
        for (int v = 0; v < 2; v++) {
          float[] wv = new float[oc * c * 9], bv = new float[oc];
          long c0 = allCpu(mx), t0 = System.nanoTime();
          call[v].invoke(null, geometry[v], x, dy, wv, bv);
          long t1 = System.nanoTime(), c1 = allCpu(mx);
          if (r >= 5) { cpu[v] = Math.min(cpu[v], c1 - c0); wall[v] = Math.min(wall[v], t1 - t0); }
          pc[v] = c1 - c0; pw[v] = t1 - t0;
        }
        if (r >= 5) { cpuRatio[r - 5] = (double) pc[0] / pc[1]; wallRatio[r - 5] = (double) pw[0] / pw[1]; }
      }
      Arrays.sort(cpuRatio); Arrays.sort(wallRatio);
      System.out.printf("%d images %d->%d @%dx%d threads %d | A cpu %.3f wall %.3f ms | B cpu %.3f wall %.3f ms | A/B cpu %.2fx wall %.2fx | median of pair ratios A/B cpu %.3f wall %.3f | same bits %b%n",
          n, c, oc, side, side, threads, cpu[0] / 1e6, wall[0] / 1e6, cpu[1] / 1e6, wall[1] / 1e6,
          (double) cpu[0] / cpu[1], (double) wall[0] / wall[1], cpuRatio[reps / 2], wallRatio[reps / 2], same);
    }
    System.exit(0);
  }

  static ClassLoader loader(String path) throws Exception {
    return new URLClassLoader(new URL[] {Path.of(path).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
  }

  /** CPU time of every live thread of the process. */
  static long allCpu(ThreadMXBean mx) {
    long sum = 0;
    for (long id : mx.getAllThreadIds()) { long t = mx.getThreadCpuTime(id); if (t > 0) sum += t; }
    return sum;
  }
}
