// One-off check of issue 27 (branch nanfuse): Adam.update's loop as written (C2 vectorises it) against a Vector API
// transcription (8 floats widened to 8 doubles); same bits, thread CPU time, best of 50 passes over 1 M parameters.
// java --add-modules jdk.incubator.vector docs/results/issue-27/AdamBench.java

import java.lang.management.*;
import jdk.incubator.vector.*;
public class AdamBench {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
  static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
  static void scalar(float[] w, float[] g, float[] m, float[] v, int from, int to, float shrink, float l2, float b1, float b2, float o1, float o2, double stepSize, double bc2Sqrt, double eps) {
    for (int i = from; i < to; i++) {
      float wi = w[i] * shrink;
      float gi = g[i] + l2 * wi;
      float mi = b1 * m[i] + o1 * gi;
      float vi = b2 * v[i] + o2 * gi * gi;
      m[i] = mi; v[i] = vi;
      w[i] = (float) (wi - stepSize * mi / (Math.sqrt(vi) / bc2Sqrt + eps));
    }
  }
  static void vector(float[] w, float[] g, float[] m, float[] v, int from, int to, float shrink, float l2, float b1, float b2, float o1, float o2, double stepSize, double bc2Sqrt, double eps) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      FloatVector wi = FloatVector.fromArray(F, w, i).mul(shrink);
      FloatVector gi = FloatVector.fromArray(F, g, i).add(wi.mul(l2));
      FloatVector mi = FloatVector.fromArray(F, m, i).mul(b1).add(gi.mul(o1));
      FloatVector vi = FloatVector.fromArray(F, v, i).mul(b2).add(gi.mul(o2).mul(gi));
      mi.intoArray(m, i); vi.intoArray(v, i);
      DoubleVector md = (DoubleVector) mi.convertShape(VectorOperators.F2D, D, 0);
      DoubleVector vd = (DoubleVector) vi.convertShape(VectorOperators.F2D, D, 0);
      DoubleVector wd = (DoubleVector) wi.convertShape(VectorOperators.F2D, D, 0);
      DoubleVector r = wd.sub(md.mul(stepSize).div(vd.sqrt().div(bc2Sqrt).add(eps)));
      ((FloatVector) r.convertShape(VectorOperators.D2F, F, 0)).intoArray(w, i);
    }
    scalar(w, g, m, v, i, to, shrink, l2, b1, b2, o1, o2, stepSize, bc2Sqrt, eps);
  }
  public static void main(String[] a) {
    int n = 1 << 20;
    java.util.Random r = new java.util.Random(1);
    float[] w = new float[n], g = new float[n], m = new float[n], v = new float[n];
    for (int i = 0; i < n; i++) { w[i] = r.nextFloat() - .5f; g[i] = (r.nextFloat() - .5f) * 1e-3f; }
    float[] w2 = w.clone(), m2 = m.clone(), v2 = v.clone();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long bs = Long.MAX_VALUE, bv = Long.MAX_VALUE;
    double stepSize = 1e-3 / (1 - Math.pow(0.9, 3)), bc = Math.sqrt(1 - Math.pow(0.999, 3));
    for (int rep = 0; rep < 60; rep++) {
      long t0 = mx.getCurrentThreadCpuTime();
      scalar(w, g, m, v, 0, n, 1f, 0f, 0.9f, 0.999f, 1 - 0.9f, 1 - 0.999f, stepSize, bc, 1e-8);
      long t1 = mx.getCurrentThreadCpuTime();
      vector(w2, g, m2, v2, 0, n, 1f, 0f, 0.9f, 0.999f, 1 - 0.9f, 1 - 0.999f, stepSize, bc, 1e-8);
      long t2 = mx.getCurrentThreadCpuTime();
      if (rep >= 10) { bs = Math.min(bs, t1 - t0); bv = Math.min(bv, t2 - t1); }
    }
    System.out.println("same bits: " + java.util.Arrays.equals(w, w2) + " " + java.util.Arrays.equals(m, m2) + " " + java.util.Arrays.equals(v, v2));
    System.out.printf("adam 1M: scalar %.3f ms vector %.3f ms ratio %.2f%n", bs / 1e6, bv / 1e6, (double) bs / bv);
  }
}
