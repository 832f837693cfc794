// One-off harness of docs/BENCHMARKS.md, issue 27: EventKernels.transpose (the event copies of the weights, refreshed every training batch) on
// W5 shapes (fc 1024 x 1024, conv 256 -> 256 3x3) and W1 conv2; one thread, least thread CPU time of 30. Run with -cp OUT:JAR.
import java.lang.management.*;
import org.snn4j.kernels.*;
public class TrBench {
  public static void main(String[] a) {
    Parallel.setThreads(1);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int[][] shapes = {{1024, 1024}, {256, 2304}, {64, 288}, {1024, 1024}};
    for (int[] s : shapes) {
      float[] w = new float[s[0] * s[1]]; for (int i = 0; i < w.length; i++) w[i] = i;
      float[] t = EventKernels.transposed(s[0], s[1], w);
      long best = Long.MAX_VALUE;
      for (int r = 0; r < 30; r++) { long t0 = mx.getCurrentThreadCpuTime(); EventKernels.transpose(s[0], s[1], w, t); best = Math.min(best, mx.getCurrentThreadCpuTime() - t0); }
      System.out.printf("%dx%d %.3f ms%n", s[0], s[1], best / 1e6);
    }
  }
}
