// One-off harness (issue 27, branch inf8): the inner loop of PanamaEventKernel.sumTwoQuads (two lists of 45 events,
// rows of 64 floats, 288 weight rows: W1's conv2) reading the weights from a float[] (twice: "heap", "heapseg" is the
// same heap loop again) or from a native MemorySegment aligned to 64 bytes, read at byte offsets 0, 16, 32, 48, 64;
// thread CPU per vector fma, best of REPS. Usage: java --add-modules jdk.incubator.vector AlignedLoads.java REPS
import java.lang.foreign.*;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.util.*;
import jdk.incubator.vector.*;
public class AlignedLoads {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_512; static final int L = 16;
  static final ByteOrder BO = ByteOrder.nativeOrder();
  static void heap(int e0, int e1, int n, int[] offset, float[] value, float[] w, float[] y, int at) {
    FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
    for (int j = 0; j < n; j++) {
      FloatVector u = FloatVector.broadcast(S, value[e0 + j]), v = FloatVector.broadcast(S, value[e1 + j]);
      int o = offset[e0 + j], q = offset[e1 + j];
      a0 = FloatVector.fromArray(S, w, o).fma(u, a0); b0 = FloatVector.fromArray(S, w, q).fma(v, b0);
      a1 = FloatVector.fromArray(S, w, o + L).fma(u, a1); b1 = FloatVector.fromArray(S, w, q + L).fma(v, b1);
      a2 = FloatVector.fromArray(S, w, o + 2 * L).fma(u, a2); b2 = FloatVector.fromArray(S, w, q + 2 * L).fma(v, b2);
      a3 = FloatVector.fromArray(S, w, o + 3 * L).fma(u, a3); b3 = FloatVector.fromArray(S, w, q + 3 * L).fma(v, b3);
    }
    a0.add(a1).add(a2).add(a3).add(b0).add(b1).add(b2).add(b3).intoArray(y, at);
  }
  static FloatVector load(MemorySegment w, long i) { return FloatVector.fromMemorySegment(S, w, i, BO); }
  static void seg(int e0, int e1, int n, int[] offset, float[] value, MemorySegment w, long base, float[] y, int at) {
    int end0 = e0 + n, end1 = e1 + n - 3;
    FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
    int common = Math.min(end0 - e0, end1 - e1);
    for (int j = 0; j < common; j++) {
      FloatVector u = FloatVector.broadcast(S, value[e0 + j]), v = FloatVector.broadcast(S, value[e1 + j]);
      long o = base + 4L * offset[e0 + j], q = base + 4L * offset[e1 + j];
      a0 = load(w, o).fma(u, a0); b0 = load(w, q).fma(v, b0);
      a1 = load(w, o + 64).fma(u, a1); b1 = load(w, q + 64).fma(v, b1);
      a2 = load(w, o + 128).fma(u, a2); b2 = load(w, q + 128).fma(v, b2);
      a3 = load(w, o + 192).fma(u, a3); b3 = load(w, q + 192).fma(v, b3);
    }
    for (int e = e0 + common; e < end0; e++) {
      FloatVector u = FloatVector.broadcast(S, value[e]); long o = base + 4L * offset[e];
      a0 = load(w, o).fma(u, a0); a1 = load(w, o + 64).fma(u, a1); a2 = load(w, o + 128).fma(u, a2); a3 = load(w, o + 192).fma(u, a3);
    }
    for (int e = e1 + common; e < end1; e++) {
      FloatVector v = FloatVector.broadcast(S, value[e]); long q = base + 4L * offset[e];
      b0 = load(w, q).fma(v, b0); b1 = load(w, q + 64).fma(v, b1); b2 = load(w, q + 128).fma(v, b2); b3 = load(w, q + 192).fma(v, b3);
    }
    a0.intoArray(y, at); a1.intoArray(y, at); a2.intoArray(y, at); a3.intoArray(y, at);
    b0.intoArray(y, at); b1.intoArray(y, at); b2.intoArray(y, at); b3.intoArray(y, at);
  }
  public static void main(String[] a) {
    int rows = 288, row = 64, n = 45, lists = 200, reps = Integer.parseInt(a[0]);
    Random r = new Random(1);
    int pad = 16;
    float[] w = new float[rows * row + 64]; for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
    int[] offset = new int[lists * n]; float[] value = new float[lists * n];
    for (int i = 0; i < offset.length; i++) { offset[i] = r.nextInt(rows) * row; value[i] = 1f; }
    MemorySegment seg = Arena.global().allocate(4L * w.length + 256, 64);
    MemorySegment.copy(w, 0, seg, ValueLayout.JAVA_FLOAT, 0, w.length);
    float[] y = new float[16]; MemorySegment hs = MemorySegment.ofArray(w);
    var mx = ManagementFactory.getThreadMXBean();
    long[] best = new long[2 + 5]; Arrays.fill(best, Long.MAX_VALUE);
    for (int rep = 0; rep < reps; rep++) {
      for (int v = 0; v < 7; v++) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int k = 0; k < 50; k++) for (int p = 0; p + 1 < lists; p += 2) {
          if (v == 0) heap(p * n, (p + 1) * n, n, offset, value, w, y, 0);
          else if (v == 1) heap(p * n, (p + 1) * n, n, offset, value, w, y, 0); else seg(p * n, (p + 1) * n, n, offset, value, seg, 16L * (v - 2), y, 0);
        }
        best[v] = Math.min(best[v], mx.getCurrentThreadCpuTime() - t0);
      }
    }
    long fmas = 50L * (lists / 2) * n * 8;
    String[] names = {"heap", "heapseg", "seg+0", "seg+16", "seg+32", "seg+48", "seg+64"};
    for (int v = 0; v < 7; v++) System.out.printf("%s %.3f ns/fma%n", names[v], best[v] / (double) fmas);
  }
}
