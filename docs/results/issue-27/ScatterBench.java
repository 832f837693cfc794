// One-off harness (issue 27, branch inf32): the event convolution's scatter of W1's conv2 (512 images, 32 x 14 x 14 at density 0.2,
// 64 outputs), gather included: TapScatter.scatter (EventKernels.scatter before) against variants of its stride-1 loop (offsets only, all nine list ends
// read first, and the loop before: each tap's list end read after the previous tap's stores), one after another in one process, thread CPU time, best of 10.
// Usage: javac -d DIR --add-modules jdk.incubator.vector -cp core/target/classes docs/results/issue-27/ScatterBench.java
//        java --add-modules jdk.incubator.vector -cp core/target/classes:DIR org.snn4j.kernels.ScatterBench
package org.snn4j.kernels;
import java.lang.management.*;
import org.snn4j.tensor.Rng;
public class ScatterBench {
  public static void main(String[] a) {
    int n = 512, c = 32, side = 14, oc = 64; double d = 0.2;
    ConvGeometry g = ConvGeometry.square(n, c, side, side, oc, 3, 1, 1);
    Rng rng = new Rng(1);
    float[] x = new float[g.inputSize()];
    for (int i = 0; i < x.length; i++) if (rng.nextFloat() < d) x[i] = (1 + rng.nextInt(4)) / 4f;
    EventKernels.Buffers b = EventKernels.BUFFERS.get();
    EventKernels.Plan plan = b.planFor(g);
    b.fitConvolution(g, plan);
    EventKernel k = EventKernels.KERNEL;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int positions = side * side;
    long[] best = new long[4]; java.util.Arrays.fill(best, Long.MAX_VALUE);
    for (int r = 0; r < 15; r++) {
      for (int v = 0; v < 4; v++) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int im = 0; im < n; im++) {
          EventKernels.startImage(g, plan, b);
          for (int ci = 0; ci < c; ci++) {
            int ev = k.gather(x, (im * c + ci) * positions, positions, b.eventIndex, b.eventValue, 0);
            if (v == 0) TapScatter.scatter(g, plan, ci, b.eventIndex, b.eventValue, 0, ev, b);
            else if (v == 1) offsetsOnly(g, plan, ci, b.eventIndex, b.eventValue, 0, ev, b);
            else if (v == 2) kjOuter(g, plan, ci, b.eventIndex, b.eventValue, 0, ev, b);
            else before(g, plan, ci, b.eventIndex, b.eventValue, 0, ev, b);
          }
        }
        long t1 = mx.getCurrentThreadCpuTime();
        if (r > 4) best[v] = Math.min(best[v], t1 - t0);
      }
    }
    System.out.printf("TapScatter.scatter (rows of three read first) %.2f, offsets only %.2f, all nine read first %.2f, before (one at a time) %.2f ms%n", best[0] / 1e6, best[1] / 1e6, best[2] / 1e6, best[3] / 1e6);
  }
  static void offsetsOnly(ConvGeometry g, EventKernels.Plan plan, int ci, int[] index, float[] values, int from, int to, EventKernels.Buffers b) {
    int row = EventKernels.padded(g.outC()), kh = g.kh(), kw = g.kw(), channel = ci * kh * kw * row;
    int[] next = b.next, offset = b.tapOffset, corner = plan.corner();
    int listW = plan.listW();
    for (int e = from; e < to; e++) {
      int base = corner[index[e]], kk = channel;
      for (int ki = 0; ki < kh; ki++, base -= listW) for (int kj = 0; kj < kw; kj++, kk += row) offset[next[base - kj]++] = kk;
    }
  }
  // all of an event's slots read first, then written
  static void kjOuter(ConvGeometry g, EventKernels.Plan plan, int ci, int[] index, float[] values, int from, int to, EventKernels.Buffers b) {
    int row = EventKernels.padded(g.outC()), channel = ci * 9 * row;
    int[] next = b.next, offset = b.tapOffset, corner = plan.corner();
    float[] value = b.tapValue;
    int listW = plan.listW();
    for (int e = from; e < to; e++) {
      float v = values[e];
      int base = corner[index[e]];
      int b1 = base - listW, b2 = b1 - listW;
      int s0 = next[base], s1 = next[base - 1], s2 = next[base - 2], s3 = next[b1], s4 = next[b1 - 1], s5 = next[b1 - 2], s6 = next[b2], s7 = next[b2 - 1], s8 = next[b2 - 2];
      next[base] = s0 + 1; next[base - 1] = s1 + 1; next[base - 2] = s2 + 1; next[b1] = s3 + 1; next[b1 - 1] = s4 + 1; next[b1 - 2] = s5 + 1;
      next[b2] = s6 + 1; next[b2 - 1] = s7 + 1; next[b2 - 2] = s8 + 1;
      offset[s0] = channel; offset[s1] = channel + row; offset[s2] = channel + 2 * row; offset[s3] = channel + 3 * row; offset[s4] = channel + 4 * row;
      offset[s5] = channel + 5 * row; offset[s6] = channel + 6 * row; offset[s7] = channel + 7 * row; offset[s8] = channel + 8 * row;
      value[s0] = v; value[s1] = v; value[s2] = v; value[s3] = v; value[s4] = v; value[s5] = v; value[s6] = v; value[s7] = v; value[s8] = v;
    }
  }
  // the loop before (each tap's list end read after the previous tap's stores), copied
  static void before(ConvGeometry g, EventKernels.Plan plan, int ci, int[] index, float[] values, int from, int to, EventKernels.Buffers b) {
    int row = EventKernels.padded(g.outC()), kh = g.kh(), kw = g.kw(), channel = ci * kh * kw * row;
    int[] next = b.next, offset = b.tapOffset, corner = plan.corner();
    float[] value = b.tapValue;
    int listW = plan.listW();
    for (int e = from; e < to; e++) {
      float v = values[e];
      int base = corner[index[e]], kk = channel;
      for (int ki = 0; ki < kh; ki++, base -= listW) {
        for (int kj = 0; kj < kw; kj++, kk += row) {
          int slot = next[base - kj]++;
          offset[slot] = kk;
          value[slot] = v;
        }
      }
    }
  }
}
