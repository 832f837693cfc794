// One-off harness of branch evfwd2 (issue 27): W1 conv2 shape (512 images, 32 -> 64 channels, 14x14, 3x3), the event
// forward with main's tap lists (a block of slots per list: EventKernels.scatter, sumLists) against the same lists
// interleaved (entry j of list l at l + j*lists, written here), gather+scatter alone and whole, thread CPU time, best of 22,
// both alternating in one process. Compile against main's classes (bac03db): javac --add-modules jdk.incubator.vector -cp
// MAIN_CLASSES -d OUT EvFwd2LayoutBench.java; java --add-modules jdk.incubator.vector -cp MAIN_CLASSES:OUT
// org.snn4j.kernels.EvFwd2LayoutBench 0.1 0.18 0.3
package org.snn4j.kernels;
import java.lang.management.*;
import jdk.incubator.vector.*;
import org.snn4j.tensor.Rng;
public class EvFwd2LayoutBench {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_512; static final int L = 16;
  public static void main(String[] a) {
    Parallel.setThreads(1);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int n = 512, c = 32, side = 14, oc = 64;
    for (String ds : a) {
      double d = Double.parseDouble(ds);
      ConvGeometry g = ConvGeometry.square(n, c, side, side, oc, 3, 1, 1);
      Rng rng = new Rng(1);
      float[] x = new float[g.inputSize()], w = new float[g.weightSize()], bias = new float[oc];
      for (int i = 0; i < x.length; i++) if (rng.nextFloat() < d) x[i] = (1 + rng.nextInt(4)) / 4f;
      rng.fillUniform(w, -1, 1); rng.fillUniform(bias, -1, 1);
      float[] wt = EventKernels.transposed(oc, c * 9, w);
      EventKernels.Buffers b = EventKernels.BUFFERS.get();
      EventKernels.Plan plan = b.planFor(g);
      b.fitConvolution(g, plan);
      EventKernel k = EventKernels.KERNEL;
      int positions = side * side, row = 64, outW = 14, patch = g.patch(), lists = plan.lists();
      float[][] ys = new float[2][g.outputSize()];
      long[][] best = {{Long.MAX_VALUE, Long.MAX_VALUE}, {Long.MAX_VALUE, Long.MAX_VALUE}};
      for (int r = 0; r < 25; r++) for (int q = 0; q < 2; q++) for (int v = 0; v < 2; v++) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int image = 0; image < n; image++) {
          if (q == 0) EventKernels.startImage(g, plan, b); else for (int l = 0; l < lists; l++) b.next[l] = l;
          for (int ci = 0; ci < c; ci++) {
            int ev = k.gather(x, (image * c + ci) * positions, positions, b.eventIndex, b.eventValue, 0);
            if (q == 0) EventKernels.scatter(g, plan, ci, b.eventIndex, b.eventValue, 0, ev, b);
            else scatterCol(plan, ci * 9 * row, row, lists, b.eventIndex, b.eventValue, ev, b);
          }
          if (v == 1) {
            for (int oy = 0; oy < 14; oy++) {
              int first = plan.list(oy, 0), at = oy * outW * row;
              if (q == 0) k.sumLists(first, first + outW, patch, b.next, b.tapOffset, b.tapValue, wt, b.sum, at, row);
              else for (int p = first; p < first + outW; p += 2) twoQuads(p, lists, b.next[p], p + 1, b.next[p + 1], b.tapOffset, b.tapValue, wt, b.sum, at + (p - first) * row);
            }
            k.toChannelsFirst(b.sum, row, g.outPlane(), oc, bias, ys[q], image * oc * g.outPlane());
          }
        }
        long t = mx.getCurrentThreadCpuTime() - t0;
        if (r >= 3) best[q][v] = Math.min(best[q][v], t);
      }
      System.out.printf("density %.2f rowmajor: lists %.2f ms total %.2f ms; colmajor: lists %.2f total %.2f ms %s%n", d, best[0][0] / 1e6, best[0][1] / 1e6,
          best[1][0] / 1e6, best[1][1] / 1e6, java.util.Arrays.equals(ys[0], ys[1]) ? "same" : "DIFF");
    }
  }
  static void scatterCol(EventKernels.Plan plan, int channel, int row, int step, int[] index, float[] values, int to, EventKernels.Buffers b) {
    int[] next = b.next, offset = b.tapOffset, corner = plan.corner(); float[] value = b.tapValue; int listW = plan.listW();
    for (int e = 0; e < to; e++) {
      float v = values[e];
      int base = corner[index[e]], k = channel;
      for (int ki = 0; ki < 3; ki++, base -= listW) {
        for (int kj = 0; kj < 3; kj++, k += row) {
          int l = base - kj, slot = next[l];
          next[l] = slot + step;
          offset[slot] = k;
          value[slot] = v;
        }
      }
    }
  }
  static void twoQuads(int e0, int step, int end0, int e1, int end1, int[] offset, float[] value, float[] w, float[] y, int at) {
    FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
    int n0 = (end0 - e0) / step, n1 = (end1 - e1) / step, common = Math.min(n0, n1);
    int i0 = e0, i1 = e1;
    for (int j = 0; j < common; j++, i0 += step, i1 += step) {
      FloatVector u = FloatVector.broadcast(S, value[i0]), v = FloatVector.broadcast(S, value[i1]);
      int o = offset[i0], q = offset[i1];
      a0 = FloatVector.fromArray(S, w, o).fma(u, a0);
      b0 = FloatVector.fromArray(S, w, q).fma(v, b0);
      a1 = FloatVector.fromArray(S, w, o + L).fma(u, a1);
      b1 = FloatVector.fromArray(S, w, q + L).fma(v, b1);
      a2 = FloatVector.fromArray(S, w, o + 2 * L).fma(u, a2);
      b2 = FloatVector.fromArray(S, w, q + 2 * L).fma(v, b2);
      a3 = FloatVector.fromArray(S, w, o + 3 * L).fma(u, a3);
      b3 = FloatVector.fromArray(S, w, q + 3 * L).fma(v, b3);
    }
    for (; i0 < end0; i0 += step) {
      FloatVector u = FloatVector.broadcast(S, value[i0]); int o = offset[i0];
      a0 = FloatVector.fromArray(S, w, o).fma(u, a0); a1 = FloatVector.fromArray(S, w, o + L).fma(u, a1);
      a2 = FloatVector.fromArray(S, w, o + 2 * L).fma(u, a2); a3 = FloatVector.fromArray(S, w, o + 3 * L).fma(u, a3);
    }
    for (; i1 < end1; i1 += step) {
      FloatVector v = FloatVector.broadcast(S, value[i1]); int q = offset[i1];
      b0 = FloatVector.fromArray(S, w, q).fma(v, b0); b1 = FloatVector.fromArray(S, w, q + L).fma(v, b1);
      b2 = FloatVector.fromArray(S, w, q + 2 * L).fma(v, b2); b3 = FloatVector.fromArray(S, w, q + 3 * L).fma(v, b3);
    }
    a0.intoArray(y, at); a1.intoArray(y, at + L); a2.intoArray(y, at + 2 * L); a3.intoArray(y, at + 3 * L);
    b0.intoArray(y, at + 4 * L); b1.intoArray(y, at + 5 * L); b2.intoArray(y, at + 6 * L); b3.intoArray(y, at + 7 * L);
  }
}
