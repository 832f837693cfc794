// One-off harness (issue 27, branch inf8): EventKernels.convSample, W1's second convolution (32 -> 64 channels, 14 x 14,
// 3 x 3, pad 1, T = 8 steps of one sample: what FusedBlock runs per sample) from two jars in ONE JVM, each in its own
// class loader, reps alternating; thread CPU per image, best of REPS; outputs compared bit for bit. Inputs: average-pooled
// spikes (0.25, 0.5, 0.75, 1) at DENSITY. One thread (Parallel.setThreads(1) in each jar). Each jar gets 8 copies of the
// weights, allocated after spacers of 8 to 64 bytes, so that one of them lies on a 64-byte boundary whatever the heap
// does (a float[]'s elements start 16 bytes into the object, at an 8-byte-aligned address): per copy, and their mean.
// Usage: java --add-modules jdk.incubator.vector ConvSampleAB.java DENSITY REPS JAR_A JAR_B
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
public class ConvSampleAB {
  public static void main(String[] a) throws Exception {
    double density = Double.parseDouble(a[0]);
    int reps = Integer.parseInt(a[1]), T = 8, samples = 32, jars = a.length - 2;
    Random r = new Random(1);
    float[] x = new float[T * samples * 32 * 196];
    for (int i = 0; i < x.length; i++) if (r.nextDouble() < density) x[i] = 0.25f * (1 + r.nextInt(4));
    float[] wt = new float[64 * 288], bias = new float[64];
    for (int i = 0; i < wt.length; i++) wt[i] = (float) r.nextGaussian() * 0.1f;
    for (int i = 0; i < 64; i++) bias[i] = (float) r.nextGaussian() * 0.1f;
    Object[] geometry = new Object[jars];
    Method[] conv = new Method[jars];
    float[][][] w = new float[jars][8][];
    float[][] y = new float[jars][T * 64 * 196];
    java.util.List<float[]> spacers = new java.util.ArrayList<>();
    for (int j = 0; j < jars; j++) {
      ClassLoader loader = new URLClassLoader(new URL[] {Path.of(a[2 + j]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      loader.loadClass("org.snn4j.kernels.Parallel").getMethod("setThreads", int.class).invoke(null, 1);
      Class<?> g = loader.loadClass("org.snn4j.kernels.ConvGeometry"), ek = loader.loadClass("org.snn4j.kernels.EventKernels");
      geometry[j] = g.getMethod("square", int.class, int.class, int.class, int.class, int.class, int.class, int.class, int.class)
          .invoke(null, T * samples, 32, 14, 14, 64, 3, 1, 1);
      float[] t = (float[]) ek.getMethod("transposed", int.class, int.class, float[].class).invoke(null, 64, 288, wt);
      for (int k = 0; k < 8; k++) {
        spacers.add(new float[2 * k + 2]);
        w[j][k] = t.clone();
        spacers.add(new float[14 - 2 * k]);
      }
      conv[j] = ek.getMethod("convSample", g, int.class, int.class, int.class, int.class, float[].class, float[].class, float[].class, float[].class);
    }
    var mx = ManagementFactory.getThreadMXBean();
    long[][] best = new long[jars][8];
    for (long[] b : best) Arrays.fill(b, Long.MAX_VALUE);
    boolean same = true;
    for (int rep = 0; rep < reps; rep++) {
      for (int k = 0; k < 8; k++) for (int j = 0; j < jars; j++) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int s = 0; s < samples; s++) conv[j].invoke(null, geometry[j], T, s, 0, T, x, w[j][k], bias, y[j]);
        best[j][k] = Math.min(best[j][k], mx.getCurrentThreadCpuTime() - t0);
      }
      same &= Arrays.equals(y[0], y[jars - 1]);
    }
    double[] mean = new double[jars];
    for (int j = 0; j < jars; j++) {
      StringBuilder line = new StringBuilder();
      for (int k = 0; k < 8; k++) {
        double us = best[j][k] / 1e3 / (T * samples);
        mean[j] += us / 8;
        line.append(String.format(" %.2f", us));
      }
      System.out.printf("%s: us per image, copies 0-7:%s; mean %.2f%n", Path.of(a[2 + j]).getFileName(), line, mean[j]);
    }
    System.out.printf("%s / %s (means) = %.3f; outputs the same bits: %b%n", Path.of(a[2]).getFileName(), Path.of(a[a.length - 1]).getFileName(),
        mean[0] / mean[jars - 1], same);
  }
}
