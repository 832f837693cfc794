// One-off harness (issue 27, branch inf8): EventKernels.convSample on W1's conv2 (T = 8, 32 samples, density 0.175)
// with eight copies of the same channel-last weights, each allocated after a spacer of 8 to 64 bytes, so they lie at
// different offsets from a 64-byte boundary; thread CPU per image, best of REPS, copies alternating.
// Usage: java --add-modules jdk.incubator.vector -XX:+UseSerialGC -cp JAR WeightAlignment.java REPS
import java.lang.management.ManagementFactory;
import java.util.*;
import org.snn4j.kernels.*;
public class WeightAlignment {
  public static void main(String[] a) throws Exception {
    Parallel.setThreads(1);
    int T = 8, samples = 32, reps = Integer.parseInt(a[0]);
    Random r = new Random(1);
    float[] x = new float[T * samples * 32 * 196];
    for (int i = 0; i < x.length; i++) if (r.nextDouble() < 0.175) x[i] = 0.25f * (1 + r.nextInt(4));
    float[] wt = new float[64 * 288], bias = new float[64];
    for (int i = 0; i < wt.length; i++) wt[i] = (float) r.nextGaussian() * 0.1f;
    ConvGeometry g = ConvGeometry.square(T * samples, 32, 14, 14, 64, 3, 1, 1);
    float[] base = EventKernels.transposed(64, 288, wt);
    List<float[]> keep = new ArrayList<>();
    float[][] ws = new float[8][];
    for (int k = 0; k < 8; k++) { keep.add(new float[2 * k + 2]); ws[k] = base.clone(); keep.add(new float[14 - 2 * k]); }
    float[] y = new float[T * 64 * 196];
    var mx = ManagementFactory.getThreadMXBean();
    long[] best = new long[8]; Arrays.fill(best, Long.MAX_VALUE);
    for (int rep = 0; rep < reps; rep++) for (int k = 0; k < 8; k++) {
      long t0 = mx.getCurrentThreadCpuTime();
      for (int s = 0; s < samples; s++) EventKernels.convSample(g, T, s, 0, T, x, ws[k], bias, y);
      best[k] = Math.min(best[k], mx.getCurrentThreadCpuTime() - t0);
    }
    for (int k = 0; k < 8; k++) System.out.printf("shift %d: %.2f us/image%n", k, best[k] / 1e3 / (T * samples));
  }
}
