// One-off harness of issue 27 (branch bwdev): a convolution's backward-data by the GEMM path (Conv2dKernels) and by
// the events of dY (EventBackwardData), on W1's conv2 and W5's conv2..conv8 shapes (3x3, stride 1, pad 1), at several
// densities of dY (entries non-zero at random); thread CPU time, one thread, least of the repetitions after a warm-up,
// the two alternating in the same process. Prints dense/events (> 1: events faster).
// Run: javac --add-modules jdk.incubator.vector -cp core/target/classes -d /tmp/bench docs/results/issue-27/BwdEventBench.java &&
//   java $(./snn4j --jvm-options) [-Donly=conv6] -cp core/target/classes:/tmp/bench org.snn4j.kernels.BwdEventBench [reps] [densities, comma separated]
package org.snn4j.kernels;
import java.lang.management.*;
import org.snn4j.tensor.Rng;
public class BwdEventBench {
  public static void main(String[] a) {
    Parallel.setThreads(1);
    int reps = a.length > 0 ? Integer.parseInt(a[0]) : 7;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    // name, images (T x batch), in channels, side, out channels
    Object[][] shapes = {{"W1 conv2", 512, 32, 14, 64}, {"W5 conv2", 128, 32, 16, 64}, {"W5 conv3", 128, 64, 8, 128},
        {"W5 conv4", 128, 128, 8, 128}, {"W5 conv5", 128, 128, 4, 256}, {"W5 conv6", 128, 256, 4, 256},
        {"W5 conv7", 128, 256, 2, 256}, {"W5 conv8", 128, 256, 2, 256}};
    double[] densities = a.length > 1 ? java.util.Arrays.stream(a[1].split(",")).mapToDouble(Double::parseDouble).toArray()
        : new double[] {0.05, 0.1, 0.2, 0.3, 0.4, 0.5};
    for (Object[] s : shapes) {
      if (System.getProperty("only") != null && !s[0].toString().endsWith(System.getProperty("only"))) continue;
      ConvGeometry g = ConvGeometry.square((Integer) s[1], (Integer) s[2], (Integer) s[3], (Integer) s[3], (Integer) s[4], 3, 1, 1);
      for (double d : densities) {
        Rng rng = new Rng(1);
        float[] dy = new float[g.outputSize()], w = new float[g.weightSize()], dxD = new float[g.inputSize()], dxE = new float[g.inputSize()];
        for (int i = 0; i < dy.length; i++) if (rng.nextFloat() < d) dy[i] = rng.nextFloat() - 0.5f;
        rng.fillUniform(w, -1, 1);
        long bestD = Long.MAX_VALUE, bestE = Long.MAX_VALUE;
        for (int r = 0; r < reps + 2; r++) {
          long t0 = mx.getCurrentThreadCpuTime();
          Conv2dKernels.backwardData(g, dy, w, dxD);
          long t1 = mx.getCurrentThreadCpuTime();
          EventBackwardData.backwardData(g, dy, w, dxE);
          long t2 = mx.getCurrentThreadCpuTime();
          if (r >= 2) { bestD = Math.min(bestD, t1 - t0); bestE = Math.min(bestE, t2 - t1); }
        }
        double err = 0;
        for (int i = 0; i < dxD.length; i++) err = Math.max(err, Math.abs(dxD[i] - dxE[i]));
        System.out.printf("%-9s density %.2f dense %7.2f ms events %7.2f ms dense/events %.2f (max |diff| %.1e)%n", s[0], d,
            bestD / 1e6, bestE / 1e6, (double) bestD / bestE, err);
      }
    }
  }
}
