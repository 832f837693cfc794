// One-off harness of docs/BENCHMARKS.md, issue 27 (gemm5): GEMM micro-kernel tiles on this CPU. Measures, in one
// process, one thread, thread CPU time, best of the repetitions after a warm-up: a pure FMA loop with 16 and 24
// independent vector accumulators (the peak reachable under the same load), each micro-kernel alone on packed
// panels that stay in L1/L2, and whole sgemm calls through PackedGemm: W1's conv2 backward-data shape
// (M 288, K 64, N 1176 and 6 x 1176) and 512^3. Kernels: the 8x32 one of main (PanamaGemm as it was, copied here
// as Tile8x32), this branch's PanamaGemm ("new") and candidate tiles; each whole-GEMM result is checked bit for bit against ScalarGemm at
// any tile (same sums in the same order).
// Run: java $(./snn4j --jvm-options) [-XX:UseAVX=2] -cp cli/target/snn4j-cli-*-all.jar docs/results/issue-27/TileBench.java [rounds] [ab]
// (compile it first: javac --add-modules jdk.incubator.vector -cp JAR -d DIR TileBench.java, run with -cp DIR:JAR org.snn4j.kernels.TileBench;
// the source launcher refuses a package path that does not match)
package org.snn4j.kernels;
import java.lang.management.*;
import java.util.*;
import jdk.incubator.vector.*;
import org.snn4j.tensor.Rng;
public class TileBench {
  static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  static final VectorSpecies<Float> S = VectorConstants.FLOATS;
  static final int L = VectorConstants.LANES;
  static volatile float sink;

  public static void main(String[] args) {
    Parallel.setThreads(1);
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    System.out.printf("species %d bits, load %s%n", VectorConstants.bits(), load());
    Map<String, GemmMicroKernel> kernels = new LinkedHashMap<>();
    kernels.put("main8x32", new Tile8x32());
    kernels.put("new", new PanamaGemm());
    boolean all = !(args.length > 1 && args[1].equals("ab"));   // "ab": main's kernel and this branch's only
    if (all) kernels.put("c12x32", new Tile12x32());
    if (all) kernels.put("c8x48", new Tile8x48());
    if (all) kernels.put("c14x32", new Tile14x32());
    if (all) kernels.put("c6x64", new Tile6x64());
    if (all) kernels.put("c6x2v", new Tile6x2v());
    if (all) kernels.put("c4x3v", new Tile4x3v());
    // FMA peak
    long f16 = Long.MAX_VALUE, f24 = Long.MAX_VALUE;
    int iters = 2_000_000;
    for (int r = 0; r < rounds; r++) {
      long t0 = cpu(); fma16(iters); long t1 = cpu(); fma24(iters); long t2 = cpu();
      if (r >= 3) { f16 = Math.min(f16, t1 - t0); f24 = Math.min(f24, t2 - t1); }
    }
    double fl16 = 16.0 * 2 * L * iters, fl24 = 24.0 * 2 * L * iters;
    System.out.printf("fma loop 16 acc %.1f GFLOP/s, 24 acc %.1f GFLOP/s%n", fl16 / f16, fl24 / f24);
    // micro-kernel alone
    for (int kc : new int[] {64, 256}) {
      long[] best = new long[kernels.size()]; Arrays.fill(best, Long.MAX_VALUE);
      double[] flops = new double[kernels.size()];
      List<GemmMicroKernel> ks = new ArrayList<>(kernels.values());
      for (int r = 0; r < rounds; r++) {
        for (int q = 0; q < ks.size(); q++) {
          GemmMicroKernel k = ks.get(q);
          int mr = k.mr(), nr = k.nr(), panels = 8, reps = 256 * 64 / kc;
          float[] a = rand(mr * kc, 1), b = rand(panels * nr * kc, 2), c = new float[mr * nr];
          long t0 = cpu();
          for (int i = 0; i < reps; i++) for (int j = 0; j < panels; j++) k.multiply(kc, a, 0, b, j * nr * kc, 1f, 0f, c, 0, nr);
          long t = cpu() - t0;
          sink += c[3];
          flops[q] = 2.0 * mr * nr * kc * panels * reps;
          if (r >= 3) best[q] = Math.min(best[q], t);
        }
      }
      StringBuilder sb = new StringBuilder("micro-kernel kc " + kc + ":");
      int q = 0;
      for (String name : kernels.keySet()) { sb.append(String.format(" %s %.1f", name + "(" + ks.get(q).mr() + "x" + ks.get(q).nr() + ")", flops[q] / best[q])); q++; }
      System.out.println(sb + " GFLOP/s");
    }
    // whole sgemm
    int[][] shapes = {{288, 1176, 64}, {288, 6 * 1176, 64}, {512, 512, 512}};
    for (int[] sh : shapes) {
      int m = sh[0], n = sh[1], k = sh[2];
      float[] a = rand(m * k, 3), b = rand(k * n, 4);
      List<PackedGemm> gs = new ArrayList<>();
      for (GemmMicroKernel kk : kernels.values()) gs.add(new PackedGemm(kk));
      float[][] cs = new float[gs.size()][m * n];
      long[] best = new long[gs.size()]; Arrays.fill(best, Long.MAX_VALUE);
      int reps = (int) Math.max(1, 2e8 / (2.0 * m * n * k));
      for (int r = 0; r < rounds; r++) {
        for (int q = 0; q < gs.size(); q++) {
          long t0 = cpu();
          for (int i = 0; i < reps; i++) gs.get(q).sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, cs[q], 0, n);
          if (r >= 3) best[q] = Math.min(best[q], cpu() - t0);
        }
      }
      float[] ref = new float[m * n];
      new PackedGemm(new ScalarGemm()).sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, ref, 0, n);
      StringBuilder sb = new StringBuilder(String.format("sgemm M %d N %d K %d:", m, n, k));
      int q = 0;
      for (String name : kernels.keySet()) {
        sb.append(String.format(" %s %.1f%s", name, 2.0 * m * n * k * reps / best[q], Arrays.equals(cs[q], ref) ? "" : " (DIFFERS from scalar)"));
        q++;
      }
      System.out.println(sb + " GFLOP/s");
    }
    System.out.printf("load at end %s%n", load());
  }

  static String load() {
    try { return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim(); } catch (Exception e) { return "?"; }
  }

  static long cpu() { return MX.getCurrentThreadCpuTime(); }

  static float[] rand(int n, long seed) { float[] x = new float[n]; new Rng(seed).fillUniform(x, -1, 1); return x; }

  static void fma16(int n) {
    FloatVector x = FloatVector.broadcast(S, 1.0000001f), y = FloatVector.broadcast(S, 1e-7f);
    FloatVector c0 = y, c1 = y, c2 = y, c3 = y, c4 = y, c5 = y, c6 = y, c7 = y, c8 = y, c9 = y, c10 = y, c11 = y, c12 = y, c13 = y, c14 = y, c15 = y;
    for (int i = 0; i < n; i++) {
      c0 = c0.fma(x, y); c1 = c1.fma(x, y); c2 = c2.fma(x, y); c3 = c3.fma(x, y); c4 = c4.fma(x, y); c5 = c5.fma(x, y); c6 = c6.fma(x, y); c7 = c7.fma(x, y);
      c8 = c8.fma(x, y); c9 = c9.fma(x, y); c10 = c10.fma(x, y); c11 = c11.fma(x, y); c12 = c12.fma(x, y); c13 = c13.fma(x, y); c14 = c14.fma(x, y); c15 = c15.fma(x, y);
    }
    sink += c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).add(c12).add(c13).add(c14).add(c15).reduceLanes(VectorOperators.ADD);
  }

  static void fma24(int n) {
    FloatVector x = FloatVector.broadcast(S, 1.0000001f), y = FloatVector.broadcast(S, 1e-7f);
    FloatVector c0 = y, c1 = y, c2 = y, c3 = y, c4 = y, c5 = y, c6 = y, c7 = y, c8 = y, c9 = y, c10 = y, c11 = y, c12 = y, c13 = y, c14 = y, c15 = y;
    FloatVector d0 = y, d1 = y, d2 = y, d3 = y, d4 = y, d5 = y, d6 = y, d7 = y;
    for (int i = 0; i < n; i++) {
      c0 = c0.fma(x, y); c1 = c1.fma(x, y); c2 = c2.fma(x, y); c3 = c3.fma(x, y); c4 = c4.fma(x, y); c5 = c5.fma(x, y); c6 = c6.fma(x, y); c7 = c7.fma(x, y);
      c8 = c8.fma(x, y); c9 = c9.fma(x, y); c10 = c10.fma(x, y); c11 = c11.fma(x, y); c12 = c12.fma(x, y); c13 = c13.fma(x, y); c14 = c14.fma(x, y); c15 = c15.fma(x, y);
      d0 = d0.fma(x, y); d1 = d1.fma(x, y); d2 = d2.fma(x, y); d3 = d3.fma(x, y); d4 = d4.fma(x, y); d5 = d5.fma(x, y); d6 = d6.fma(x, y); d7 = d7.fma(x, y);
    }
    sink += c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).add(c12).add(c13).add(c14).add(c15)
        .add(d0).add(d1).add(d2).add(d3).add(d4).add(d5).add(d6).add(d7).reduceLanes(VectorOperators.ADD);
  }

  /** PanamaGemm of main (bac03db): 8 x 2 lanes, 16 accumulators. */
  static final class Tile8x32 implements GemmMicroKernel {
    final PanamaGemm packers = new PanamaGemm();
    public int mr() { return 8; }
    public int nr() { return 2 * L; }
    public void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mb, int p0, int kb, float[] dst) {
      if (!transA && PanamaPacking.supportsA(8)) PanamaPacking.packA(a, aOff, lda, i0, mb, p0, kb, 8, dst);
      else GemmPacking.packA(transA, a, aOff, lda, i0, mb, p0, kb, 8, dst);
    }
    public boolean allZero(float[] x, int off, int len) { return PanamaZeros.allZero(x, off, len); }
    public void packBRow(float[] src, int srcOff, int n, float[] dst, int dstOff, int panelStride) { packers.packBRow(src, srcOff, n, dst, dstOff, panelStride); }
    public void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kb, int j0, int nb, float[] dst) { packers.packB(transB, b, bOff, ldb, p0, kb, j0, nb, dst); }
    public void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float alpha, float beta, float[] c, int cOff, int ldc) {
      int lanes = L, nr = 2 * lanes, MR = 8;
      FloatVector zero = FloatVector.zero(S);
      FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero;
      FloatVector c40 = zero, c41 = zero, c50 = zero, c51 = zero, c60 = zero, c61 = zero, c70 = zero, c71 = zero;
      for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += MR, bi += nr) {
        FloatVector b0 = FloatVector.fromArray(S, b, bi);
        FloatVector b1 = FloatVector.fromArray(S, b, bi + lanes);
        FloatVector x = FloatVector.broadcast(S, a[ai]);
        c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
        x = FloatVector.broadcast(S, a[ai + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
        x = FloatVector.broadcast(S, a[ai + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
        x = FloatVector.broadcast(S, a[ai + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
        x = FloatVector.broadcast(S, a[ai + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
        x = FloatVector.broadcast(S, a[ai + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
        x = FloatVector.broadcast(S, a[ai + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
        x = FloatVector.broadcast(S, a[ai + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
      }
      FloatVector alphaV = FloatVector.broadcast(S, alpha);
      int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
      if (beta == 0f) {
        c00.mul(alphaV).intoArray(c, r0); c01.mul(alphaV).intoArray(c, r0 + lanes);
        c10.mul(alphaV).intoArray(c, r1); c11.mul(alphaV).intoArray(c, r1 + lanes);
        c20.mul(alphaV).intoArray(c, r2); c21.mul(alphaV).intoArray(c, r2 + lanes);
        c30.mul(alphaV).intoArray(c, r3); c31.mul(alphaV).intoArray(c, r3 + lanes);
        c40.mul(alphaV).intoArray(c, r4); c41.mul(alphaV).intoArray(c, r4 + lanes);
        c50.mul(alphaV).intoArray(c, r5); c51.mul(alphaV).intoArray(c, r5 + lanes);
        c60.mul(alphaV).intoArray(c, r6); c61.mul(alphaV).intoArray(c, r6 + lanes);
        c70.mul(alphaV).intoArray(c, r7); c71.mul(alphaV).intoArray(c, r7 + lanes);
      } else {
        FloatVector betaV = FloatVector.broadcast(S, beta);
        c00.fma(alphaV, FloatVector.fromArray(S, c, r0).mul(betaV)).intoArray(c, r0);
        c01.fma(alphaV, FloatVector.fromArray(S, c, r0 + lanes).mul(betaV)).intoArray(c, r0 + lanes);
        c10.fma(alphaV, FloatVector.fromArray(S, c, r1).mul(betaV)).intoArray(c, r1);
        c11.fma(alphaV, FloatVector.fromArray(S, c, r1 + lanes).mul(betaV)).intoArray(c, r1 + lanes);
        c20.fma(alphaV, FloatVector.fromArray(S, c, r2).mul(betaV)).intoArray(c, r2);
        c21.fma(alphaV, FloatVector.fromArray(S, c, r2 + lanes).mul(betaV)).intoArray(c, r2 + lanes);
        c30.fma(alphaV, FloatVector.fromArray(S, c, r3).mul(betaV)).intoArray(c, r3);
        c31.fma(alphaV, FloatVector.fromArray(S, c, r3 + lanes).mul(betaV)).intoArray(c, r3 + lanes);
        c40.fma(alphaV, FloatVector.fromArray(S, c, r4).mul(betaV)).intoArray(c, r4);
        c41.fma(alphaV, FloatVector.fromArray(S, c, r4 + lanes).mul(betaV)).intoArray(c, r4 + lanes);
        c50.fma(alphaV, FloatVector.fromArray(S, c, r5).mul(betaV)).intoArray(c, r5);
        c51.fma(alphaV, FloatVector.fromArray(S, c, r5 + lanes).mul(betaV)).intoArray(c, r5 + lanes);
        c60.fma(alphaV, FloatVector.fromArray(S, c, r6).mul(betaV)).intoArray(c, r6);
        c61.fma(alphaV, FloatVector.fromArray(S, c, r6 + lanes).mul(betaV)).intoArray(c, r6 + lanes);
        c70.fma(alphaV, FloatVector.fromArray(S, c, r7).mul(betaV)).intoArray(c, r7);
        c71.fma(alphaV, FloatVector.fromArray(S, c, r7 + lanes).mul(betaV)).intoArray(c, r7 + lanes);
      }
    }
  }
  /** Candidate: 12 x 2 lanes, 24 accumulators. */
  static final class Tile12x32 implements GemmMicroKernel {
    public int mr() { return 12; }
    public int nr() { return 2 * L; }
    public boolean allZero(float[] x, int off, int len) { return PanamaZeros.allZero(x, off, len); }
    public void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float alpha, float beta, float[] c, int cOff, int ldc) {
      int lanes = L, nr = 2 * lanes, MR = 12;
      FloatVector zero = FloatVector.zero(S);
      FloatVector c0_0 = zero, c0_1 = zero, c1_0 = zero, c1_1 = zero, c2_0 = zero, c2_1 = zero, c3_0 = zero, c3_1 = zero, c4_0 = zero, c4_1 = zero, c5_0 = zero, c5_1 = zero, c6_0 = zero, c6_1 = zero, c7_0 = zero, c7_1 = zero, c8_0 = zero, c8_1 = zero, c9_0 = zero, c9_1 = zero, c10_0 = zero, c10_1 = zero, c11_0 = zero, c11_1 = zero;
      for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += MR, bi += nr) {
        FloatVector b0 = FloatVector.fromArray(S, b, bi + 0 * lanes);
        FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * lanes);
        FloatVector x;
        x = FloatVector.broadcast(S, a[ai + 0]); c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1);
        x = FloatVector.broadcast(S, a[ai + 1]); c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1);
        x = FloatVector.broadcast(S, a[ai + 2]); c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1);
        x = FloatVector.broadcast(S, a[ai + 3]); c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1);
        x = FloatVector.broadcast(S, a[ai + 4]); c4_0 = x.fma(b0, c4_0); c4_1 = x.fma(b1, c4_1);
        x = FloatVector.broadcast(S, a[ai + 5]); c5_0 = x.fma(b0, c5_0); c5_1 = x.fma(b1, c5_1);
        x = FloatVector.broadcast(S, a[ai + 6]); c6_0 = x.fma(b0, c6_0); c6_1 = x.fma(b1, c6_1);
        x = FloatVector.broadcast(S, a[ai + 7]); c7_0 = x.fma(b0, c7_0); c7_1 = x.fma(b1, c7_1);
        x = FloatVector.broadcast(S, a[ai + 8]); c8_0 = x.fma(b0, c8_0); c8_1 = x.fma(b1, c8_1);
        x = FloatVector.broadcast(S, a[ai + 9]); c9_0 = x.fma(b0, c9_0); c9_1 = x.fma(b1, c9_1);
        x = FloatVector.broadcast(S, a[ai + 10]); c10_0 = x.fma(b0, c10_0); c10_1 = x.fma(b1, c10_1);
        x = FloatVector.broadcast(S, a[ai + 11]); c11_0 = x.fma(b0, c11_0); c11_1 = x.fma(b1, c11_1);
      }
      FloatVector alphaV = FloatVector.broadcast(S, alpha);
      if (beta == 0f) {
        c0_0.mul(alphaV).intoArray(c, cOff + 0 * ldc + 0 * lanes); c0_1.mul(alphaV).intoArray(c, cOff + 0 * ldc + 1 * lanes);
        c1_0.mul(alphaV).intoArray(c, cOff + 1 * ldc + 0 * lanes); c1_1.mul(alphaV).intoArray(c, cOff + 1 * ldc + 1 * lanes);
        c2_0.mul(alphaV).intoArray(c, cOff + 2 * ldc + 0 * lanes); c2_1.mul(alphaV).intoArray(c, cOff + 2 * ldc + 1 * lanes);
        c3_0.mul(alphaV).intoArray(c, cOff + 3 * ldc + 0 * lanes); c3_1.mul(alphaV).intoArray(c, cOff + 3 * ldc + 1 * lanes);
        c4_0.mul(alphaV).intoArray(c, cOff + 4 * ldc + 0 * lanes); c4_1.mul(alphaV).intoArray(c, cOff + 4 * ldc + 1 * lanes);
        c5_0.mul(alphaV).intoArray(c, cOff + 5 * ldc + 0 * lanes); c5_1.mul(alphaV).intoArray(c, cOff + 5 * ldc + 1 * lanes);
        c6_0.mul(alphaV).intoArray(c, cOff + 6 * ldc + 0 * lanes); c6_1.mul(alphaV).intoArray(c, cOff + 6 * ldc + 1 * lanes);
        c7_0.mul(alphaV).intoArray(c, cOff + 7 * ldc + 0 * lanes); c7_1.mul(alphaV).intoArray(c, cOff + 7 * ldc + 1 * lanes);
        c8_0.mul(alphaV).intoArray(c, cOff + 8 * ldc + 0 * lanes); c8_1.mul(alphaV).intoArray(c, cOff + 8 * ldc + 1 * lanes);
        c9_0.mul(alphaV).intoArray(c, cOff + 9 * ldc + 0 * lanes); c9_1.mul(alphaV).intoArray(c, cOff + 9 * ldc + 1 * lanes);
        c10_0.mul(alphaV).intoArray(c, cOff + 10 * ldc + 0 * lanes); c10_1.mul(alphaV).intoArray(c, cOff + 10 * ldc + 1 * lanes);
        c11_0.mul(alphaV).intoArray(c, cOff + 11 * ldc + 0 * lanes); c11_1.mul(alphaV).intoArray(c, cOff + 11 * ldc + 1 * lanes);
      } else {
        FloatVector betaV = FloatVector.broadcast(S, beta);
        c0_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 0 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 0 * ldc + 0 * lanes);
        c0_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 0 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 0 * ldc + 1 * lanes);
        c1_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 1 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 1 * ldc + 0 * lanes);
        c1_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 1 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 1 * ldc + 1 * lanes);
        c2_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 2 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 2 * ldc + 0 * lanes);
        c2_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 2 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 2 * ldc + 1 * lanes);
        c3_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 3 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 3 * ldc + 0 * lanes);
        c3_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 3 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 3 * ldc + 1 * lanes);
        c4_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 4 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 4 * ldc + 0 * lanes);
        c4_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 4 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 4 * ldc + 1 * lanes);
        c5_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 5 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 5 * ldc + 0 * lanes);
        c5_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 5 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 5 * ldc + 1 * lanes);
        c6_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 6 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 6 * ldc + 0 * lanes);
        c6_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 6 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 6 * ldc + 1 * lanes);
        c7_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 7 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 7 * ldc + 0 * lanes);
        c7_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 7 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 7 * ldc + 1 * lanes);
        c8_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 8 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 8 * ldc + 0 * lanes);
        c8_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 8 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 8 * ldc + 1 * lanes);
        c9_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 9 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 9 * ldc + 0 * lanes);
        c9_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 9 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 9 * ldc + 1 * lanes);
        c10_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 10 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 10 * ldc + 0 * lanes);
        c10_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 10 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 10 * ldc + 1 * lanes);
        c11_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 11 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 11 * ldc + 0 * lanes);
        c11_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 11 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 11 * ldc + 1 * lanes);
      }
    }
  }
  /** Candidate: 8 x 3 lanes, 24 accumulators. */
  static final class Tile8x48 implements GemmMicroKernel {
    public int mr() { return 8; }
    public int nr() { return 3 * L; }
    public boolean allZero(float[] x, int off, int len) { return PanamaZeros.allZero(x, off, len); }
    public void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float alpha, float beta, float[] c, int cOff, int ldc) {
      int lanes = L, nr = 3 * lanes, MR = 8;
      FloatVector zero = FloatVector.zero(S);
      FloatVector c0_0 = zero, c0_1 = zero, c0_2 = zero, c1_0 = zero, c1_1 = zero, c1_2 = zero, c2_0 = zero, c2_1 = zero, c2_2 = zero, c3_0 = zero, c3_1 = zero, c3_2 = zero, c4_0 = zero, c4_1 = zero, c4_2 = zero, c5_0 = zero, c5_1 = zero, c5_2 = zero, c6_0 = zero, c6_1 = zero, c6_2 = zero, c7_0 = zero, c7_1 = zero, c7_2 = zero;
      for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += MR, bi += nr) {
        FloatVector b0 = FloatVector.fromArray(S, b, bi + 0 * lanes);
        FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * lanes);
        FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * lanes);
        FloatVector x;
        x = FloatVector.broadcast(S, a[ai + 0]); c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1); c0_2 = x.fma(b2, c0_2);
        x = FloatVector.broadcast(S, a[ai + 1]); c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1); c1_2 = x.fma(b2, c1_2);
        x = FloatVector.broadcast(S, a[ai + 2]); c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1); c2_2 = x.fma(b2, c2_2);
        x = FloatVector.broadcast(S, a[ai + 3]); c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1); c3_2 = x.fma(b2, c3_2);
        x = FloatVector.broadcast(S, a[ai + 4]); c4_0 = x.fma(b0, c4_0); c4_1 = x.fma(b1, c4_1); c4_2 = x.fma(b2, c4_2);
        x = FloatVector.broadcast(S, a[ai + 5]); c5_0 = x.fma(b0, c5_0); c5_1 = x.fma(b1, c5_1); c5_2 = x.fma(b2, c5_2);
        x = FloatVector.broadcast(S, a[ai + 6]); c6_0 = x.fma(b0, c6_0); c6_1 = x.fma(b1, c6_1); c6_2 = x.fma(b2, c6_2);
        x = FloatVector.broadcast(S, a[ai + 7]); c7_0 = x.fma(b0, c7_0); c7_1 = x.fma(b1, c7_1); c7_2 = x.fma(b2, c7_2);
      }
      FloatVector alphaV = FloatVector.broadcast(S, alpha);
      if (beta == 0f) {
        c0_0.mul(alphaV).intoArray(c, cOff + 0 * ldc + 0 * lanes); c0_1.mul(alphaV).intoArray(c, cOff + 0 * ldc + 1 * lanes); c0_2.mul(alphaV).intoArray(c, cOff + 0 * ldc + 2 * lanes);
        c1_0.mul(alphaV).intoArray(c, cOff + 1 * ldc + 0 * lanes); c1_1.mul(alphaV).intoArray(c, cOff + 1 * ldc + 1 * lanes); c1_2.mul(alphaV).intoArray(c, cOff + 1 * ldc + 2 * lanes);
        c2_0.mul(alphaV).intoArray(c, cOff + 2 * ldc + 0 * lanes); c2_1.mul(alphaV).intoArray(c, cOff + 2 * ldc + 1 * lanes); c2_2.mul(alphaV).intoArray(c, cOff + 2 * ldc + 2 * lanes);
        c3_0.mul(alphaV).intoArray(c, cOff + 3 * ldc + 0 * lanes); c3_1.mul(alphaV).intoArray(c, cOff + 3 * ldc + 1 * lanes); c3_2.mul(alphaV).intoArray(c, cOff + 3 * ldc + 2 * lanes);
        c4_0.mul(alphaV).intoArray(c, cOff + 4 * ldc + 0 * lanes); c4_1.mul(alphaV).intoArray(c, cOff + 4 * ldc + 1 * lanes); c4_2.mul(alphaV).intoArray(c, cOff + 4 * ldc + 2 * lanes);
        c5_0.mul(alphaV).intoArray(c, cOff + 5 * ldc + 0 * lanes); c5_1.mul(alphaV).intoArray(c, cOff + 5 * ldc + 1 * lanes); c5_2.mul(alphaV).intoArray(c, cOff + 5 * ldc + 2 * lanes);
        c6_0.mul(alphaV).intoArray(c, cOff + 6 * ldc + 0 * lanes); c6_1.mul(alphaV).intoArray(c, cOff + 6 * ldc + 1 * lanes); c6_2.mul(alphaV).intoArray(c, cOff + 6 * ldc + 2 * lanes);
        c7_0.mul(alphaV).intoArray(c, cOff + 7 * ldc + 0 * lanes); c7_1.mul(alphaV).intoArray(c, cOff + 7 * ldc + 1 * lanes); c7_2.mul(alphaV).intoArray(c, cOff + 7 * ldc + 2 * lanes);
      } else {
        FloatVector betaV = FloatVector.broadcast(S, beta);
        c0_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 0 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 0 * ldc + 0 * lanes);
        c0_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 0 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 0 * ldc + 1 * lanes);
        c0_2.fma(alphaV, FloatVector.fromArray(S, c, cOff + 0 * ldc + 2 * lanes).mul(betaV)).intoArray(c, cOff + 0 * ldc + 2 * lanes);
        c1_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 1 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 1 * ldc + 0 * lanes);
        c1_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 1 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 1 * ldc + 1 * lanes);
        c1_2.fma(alphaV, FloatVector.fromArray(S, c, cOff + 1 * ldc + 2 * lanes).mul(betaV)).intoArray(c, cOff + 1 * ldc + 2 * lanes);
        c2_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 2 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 2 * ldc + 0 * lanes);
        c2_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 2 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 2 * ldc + 1 * lanes);
        c2_2.fma(alphaV, FloatVector.fromArray(S, c, cOff + 2 * ldc + 2 * lanes).mul(betaV)).intoArray(c, cOff + 2 * ldc + 2 * lanes);
        c3_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 3 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 3 * ldc + 0 * lanes);
        c3_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 3 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 3 * ldc + 1 * lanes);
        c3_2.fma(alphaV, FloatVector.fromArray(S, c, cOff + 3 * ldc + 2 * lanes).mul(betaV)).intoArray(c, cOff + 3 * ldc + 2 * lanes);
        c4_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 4 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 4 * ldc + 0 * lanes);
        c4_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 4 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 4 * ldc + 1 * lanes);
        c4_2.fma(alphaV, FloatVector.fromArray(S, c, cOff + 4 * ldc + 2 * lanes).mul(betaV)).intoArray(c, cOff + 4 * ldc + 2 * lanes);
        c5_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 5 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 5 * ldc + 0 * lanes);
        c5_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 5 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 5 * ldc + 1 * lanes);
        c5_2.fma(alphaV, FloatVector.fromArray(S, c, cOff + 5 * ldc + 2 * lanes).mul(betaV)).intoArray(c, cOff + 5 * ldc + 2 * lanes);
        c6_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 6 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 6 * ldc + 0 * lanes);
        c6_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 6 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 6 * ldc + 1 * lanes);
        c6_2.fma(alphaV, FloatVector.fromArray(S, c, cOff + 6 * ldc + 2 * lanes).mul(betaV)).intoArray(c, cOff + 6 * ldc + 2 * lanes);
        c7_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 7 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 7 * ldc + 0 * lanes);
        c7_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 7 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 7 * ldc + 1 * lanes);
        c7_2.fma(alphaV, FloatVector.fromArray(S, c, cOff + 7 * ldc + 2 * lanes).mul(betaV)).intoArray(c, cOff + 7 * ldc + 2 * lanes);
      }
    }
  }
  /** Candidate: 14 x 2 lanes, 28 accumulators. */
  static final class Tile14x32 implements GemmMicroKernel {
    public int mr() { return 14; }
    public int nr() { return 2 * L; }
    public boolean allZero(float[] x, int off, int len) { return PanamaZeros.allZero(x, off, len); }
    public void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float alpha, float beta, float[] c, int cOff, int ldc) {
      int lanes = L, nr = 2 * lanes, MR = 14;
      FloatVector zero = FloatVector.zero(S);
      FloatVector c0_0 = zero, c0_1 = zero, c1_0 = zero, c1_1 = zero, c2_0 = zero, c2_1 = zero, c3_0 = zero, c3_1 = zero, c4_0 = zero, c4_1 = zero, c5_0 = zero, c5_1 = zero, c6_0 = zero, c6_1 = zero, c7_0 = zero, c7_1 = zero, c8_0 = zero, c8_1 = zero, c9_0 = zero, c9_1 = zero, c10_0 = zero, c10_1 = zero, c11_0 = zero, c11_1 = zero, c12_0 = zero, c12_1 = zero, c13_0 = zero, c13_1 = zero;
      for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += MR, bi += nr) {
        FloatVector b0 = FloatVector.fromArray(S, b, bi + 0 * lanes);
        FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * lanes);
        FloatVector x;
        x = FloatVector.broadcast(S, a[ai + 0]); c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1);
        x = FloatVector.broadcast(S, a[ai + 1]); c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1);
        x = FloatVector.broadcast(S, a[ai + 2]); c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1);
        x = FloatVector.broadcast(S, a[ai + 3]); c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1);
        x = FloatVector.broadcast(S, a[ai + 4]); c4_0 = x.fma(b0, c4_0); c4_1 = x.fma(b1, c4_1);
        x = FloatVector.broadcast(S, a[ai + 5]); c5_0 = x.fma(b0, c5_0); c5_1 = x.fma(b1, c5_1);
        x = FloatVector.broadcast(S, a[ai + 6]); c6_0 = x.fma(b0, c6_0); c6_1 = x.fma(b1, c6_1);
        x = FloatVector.broadcast(S, a[ai + 7]); c7_0 = x.fma(b0, c7_0); c7_1 = x.fma(b1, c7_1);
        x = FloatVector.broadcast(S, a[ai + 8]); c8_0 = x.fma(b0, c8_0); c8_1 = x.fma(b1, c8_1);
        x = FloatVector.broadcast(S, a[ai + 9]); c9_0 = x.fma(b0, c9_0); c9_1 = x.fma(b1, c9_1);
        x = FloatVector.broadcast(S, a[ai + 10]); c10_0 = x.fma(b0, c10_0); c10_1 = x.fma(b1, c10_1);
        x = FloatVector.broadcast(S, a[ai + 11]); c11_0 = x.fma(b0, c11_0); c11_1 = x.fma(b1, c11_1);
        x = FloatVector.broadcast(S, a[ai + 12]); c12_0 = x.fma(b0, c12_0); c12_1 = x.fma(b1, c12_1);
        x = FloatVector.broadcast(S, a[ai + 13]); c13_0 = x.fma(b0, c13_0); c13_1 = x.fma(b1, c13_1);
      }
      FloatVector alphaV = FloatVector.broadcast(S, alpha);
      if (beta == 0f) {
        c0_0.mul(alphaV).intoArray(c, cOff + 0 * ldc + 0 * lanes); c0_1.mul(alphaV).intoArray(c, cOff + 0 * ldc + 1 * lanes);
        c1_0.mul(alphaV).intoArray(c, cOff + 1 * ldc + 0 * lanes); c1_1.mul(alphaV).intoArray(c, cOff + 1 * ldc + 1 * lanes);
        c2_0.mul(alphaV).intoArray(c, cOff + 2 * ldc + 0 * lanes); c2_1.mul(alphaV).intoArray(c, cOff + 2 * ldc + 1 * lanes);
        c3_0.mul(alphaV).intoArray(c, cOff + 3 * ldc + 0 * lanes); c3_1.mul(alphaV).intoArray(c, cOff + 3 * ldc + 1 * lanes);
        c4_0.mul(alphaV).intoArray(c, cOff + 4 * ldc + 0 * lanes); c4_1.mul(alphaV).intoArray(c, cOff + 4 * ldc + 1 * lanes);
        c5_0.mul(alphaV).intoArray(c, cOff + 5 * ldc + 0 * lanes); c5_1.mul(alphaV).intoArray(c, cOff + 5 * ldc + 1 * lanes);
        c6_0.mul(alphaV).intoArray(c, cOff + 6 * ldc + 0 * lanes); c6_1.mul(alphaV).intoArray(c, cOff + 6 * ldc + 1 * lanes);
        c7_0.mul(alphaV).intoArray(c, cOff + 7 * ldc + 0 * lanes); c7_1.mul(alphaV).intoArray(c, cOff + 7 * ldc + 1 * lanes);
        c8_0.mul(alphaV).intoArray(c, cOff + 8 * ldc + 0 * lanes); c8_1.mul(alphaV).intoArray(c, cOff + 8 * ldc + 1 * lanes);
        c9_0.mul(alphaV).intoArray(c, cOff + 9 * ldc + 0 * lanes); c9_1.mul(alphaV).intoArray(c, cOff + 9 * ldc + 1 * lanes);
        c10_0.mul(alphaV).intoArray(c, cOff + 10 * ldc + 0 * lanes); c10_1.mul(alphaV).intoArray(c, cOff + 10 * ldc + 1 * lanes);
        c11_0.mul(alphaV).intoArray(c, cOff + 11 * ldc + 0 * lanes); c11_1.mul(alphaV).intoArray(c, cOff + 11 * ldc + 1 * lanes);
        c12_0.mul(alphaV).intoArray(c, cOff + 12 * ldc + 0 * lanes); c12_1.mul(alphaV).intoArray(c, cOff + 12 * ldc + 1 * lanes);
        c13_0.mul(alphaV).intoArray(c, cOff + 13 * ldc + 0 * lanes); c13_1.mul(alphaV).intoArray(c, cOff + 13 * ldc + 1 * lanes);
      } else {
        FloatVector betaV = FloatVector.broadcast(S, beta);
        c0_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 0 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 0 * ldc + 0 * lanes);
        c0_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 0 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 0 * ldc + 1 * lanes);
        c1_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 1 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 1 * ldc + 0 * lanes);
        c1_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 1 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 1 * ldc + 1 * lanes);
        c2_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 2 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 2 * ldc + 0 * lanes);
        c2_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 2 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 2 * ldc + 1 * lanes);
        c3_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 3 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 3 * ldc + 0 * lanes);
        c3_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 3 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 3 * ldc + 1 * lanes);
        c4_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 4 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 4 * ldc + 0 * lanes);
        c4_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 4 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 4 * ldc + 1 * lanes);
        c5_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 5 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 5 * ldc + 0 * lanes);
        c5_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 5 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 5 * ldc + 1 * lanes);
        c6_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 6 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 6 * ldc + 0 * lanes);
        c6_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 6 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 6 * ldc + 1 * lanes);
        c7_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 7 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 7 * ldc + 0 * lanes);
        c7_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 7 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 7 * ldc + 1 * lanes);
        c8_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 8 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 8 * ldc + 0 * lanes);
        c8_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 8 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 8 * ldc + 1 * lanes);
        c9_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 9 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 9 * ldc + 0 * lanes);
        c9_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 9 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 9 * ldc + 1 * lanes);
        c10_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 10 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 10 * ldc + 0 * lanes);
        c10_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 10 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 10 * ldc + 1 * lanes);
        c11_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 11 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 11 * ldc + 0 * lanes);
        c11_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 11 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 11 * ldc + 1 * lanes);
        c12_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 12 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 12 * ldc + 0 * lanes);
        c12_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 12 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 12 * ldc + 1 * lanes);
        c13_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 13 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 13 * ldc + 0 * lanes);
        c13_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 13 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 13 * ldc + 1 * lanes);
      }
    }
  }
  /** Candidate: 6 x 4 lanes, 24 accumulators. */
  static final class Tile6x64 implements GemmMicroKernel {
    public int mr() { return 6; }
    public int nr() { return 4 * L; }
    public boolean allZero(float[] x, int off, int len) { return PanamaZeros.allZero(x, off, len); }
    public void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float alpha, float beta, float[] c, int cOff, int ldc) {
      int lanes = L, nr = 4 * lanes, MR = 6;
      FloatVector zero = FloatVector.zero(S);
      FloatVector c0_0 = zero, c0_1 = zero, c0_2 = zero, c0_3 = zero, c1_0 = zero, c1_1 = zero, c1_2 = zero, c1_3 = zero, c2_0 = zero, c2_1 = zero, c2_2 = zero, c2_3 = zero, c3_0 = zero, c3_1 = zero, c3_2 = zero, c3_3 = zero, c4_0 = zero, c4_1 = zero, c4_2 = zero, c4_3 = zero, c5_0 = zero, c5_1 = zero, c5_2 = zero, c5_3 = zero;
      for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += MR, bi += nr) {
        FloatVector b0 = FloatVector.fromArray(S, b, bi + 0 * lanes);
        FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * lanes);
        FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * lanes);
        FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * lanes);
        FloatVector x;
        x = FloatVector.broadcast(S, a[ai + 0]); c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1); c0_2 = x.fma(b2, c0_2); c0_3 = x.fma(b3, c0_3);
        x = FloatVector.broadcast(S, a[ai + 1]); c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1); c1_2 = x.fma(b2, c1_2); c1_3 = x.fma(b3, c1_3);
        x = FloatVector.broadcast(S, a[ai + 2]); c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1); c2_2 = x.fma(b2, c2_2); c2_3 = x.fma(b3, c2_3);
        x = FloatVector.broadcast(S, a[ai + 3]); c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1); c3_2 = x.fma(b2, c3_2); c3_3 = x.fma(b3, c3_3);
        x = FloatVector.broadcast(S, a[ai + 4]); c4_0 = x.fma(b0, c4_0); c4_1 = x.fma(b1, c4_1); c4_2 = x.fma(b2, c4_2); c4_3 = x.fma(b3, c4_3);
        x = FloatVector.broadcast(S, a[ai + 5]); c5_0 = x.fma(b0, c5_0); c5_1 = x.fma(b1, c5_1); c5_2 = x.fma(b2, c5_2); c5_3 = x.fma(b3, c5_3);
      }
      FloatVector alphaV = FloatVector.broadcast(S, alpha);
      if (beta == 0f) {
        c0_0.mul(alphaV).intoArray(c, cOff + 0 * ldc + 0 * lanes); c0_1.mul(alphaV).intoArray(c, cOff + 0 * ldc + 1 * lanes); c0_2.mul(alphaV).intoArray(c, cOff + 0 * ldc + 2 * lanes); c0_3.mul(alphaV).intoArray(c, cOff + 0 * ldc + 3 * lanes);
        c1_0.mul(alphaV).intoArray(c, cOff + 1 * ldc + 0 * lanes); c1_1.mul(alphaV).intoArray(c, cOff + 1 * ldc + 1 * lanes); c1_2.mul(alphaV).intoArray(c, cOff + 1 * ldc + 2 * lanes); c1_3.mul(alphaV).intoArray(c, cOff + 1 * ldc + 3 * lanes);
        c2_0.mul(alphaV).intoArray(c, cOff + 2 * ldc + 0 * lanes); c2_1.mul(alphaV).intoArray(c, cOff + 2 * ldc + 1 * lanes); c2_2.mul(alphaV).intoArray(c, cOff + 2 * ldc + 2 * lanes); c2_3.mul(alphaV).intoArray(c, cOff + 2 * ldc + 3 * lanes);
        c3_0.mul(alphaV).intoArray(c, cOff + 3 * ldc + 0 * lanes); c3_1.mul(alphaV).intoArray(c, cOff + 3 * ldc + 1 * lanes); c3_2.mul(alphaV).intoArray(c, cOff + 3 * ldc + 2 * lanes); c3_3.mul(alphaV).intoArray(c, cOff + 3 * ldc + 3 * lanes);
        c4_0.mul(alphaV).intoArray(c, cOff + 4 * ldc + 0 * lanes); c4_1.mul(alphaV).intoArray(c, cOff + 4 * ldc + 1 * lanes); c4_2.mul(alphaV).intoArray(c, cOff + 4 * ldc + 2 * lanes); c4_3.mul(alphaV).intoArray(c, cOff + 4 * ldc + 3 * lanes);
        c5_0.mul(alphaV).intoArray(c, cOff + 5 * ldc + 0 * lanes); c5_1.mul(alphaV).intoArray(c, cOff + 5 * ldc + 1 * lanes); c5_2.mul(alphaV).intoArray(c, cOff + 5 * ldc + 2 * lanes); c5_3.mul(alphaV).intoArray(c, cOff + 5 * ldc + 3 * lanes);
      } else {
        FloatVector betaV = FloatVector.broadcast(S, beta);
        c0_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 0 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 0 * ldc + 0 * lanes);
        c0_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 0 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 0 * ldc + 1 * lanes);
        c0_2.fma(alphaV, FloatVector.fromArray(S, c, cOff + 0 * ldc + 2 * lanes).mul(betaV)).intoArray(c, cOff + 0 * ldc + 2 * lanes);
        c0_3.fma(alphaV, FloatVector.fromArray(S, c, cOff + 0 * ldc + 3 * lanes).mul(betaV)).intoArray(c, cOff + 0 * ldc + 3 * lanes);
        c1_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 1 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 1 * ldc + 0 * lanes);
        c1_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 1 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 1 * ldc + 1 * lanes);
        c1_2.fma(alphaV, FloatVector.fromArray(S, c, cOff + 1 * ldc + 2 * lanes).mul(betaV)).intoArray(c, cOff + 1 * ldc + 2 * lanes);
        c1_3.fma(alphaV, FloatVector.fromArray(S, c, cOff + 1 * ldc + 3 * lanes).mul(betaV)).intoArray(c, cOff + 1 * ldc + 3 * lanes);
        c2_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 2 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 2 * ldc + 0 * lanes);
        c2_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 2 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 2 * ldc + 1 * lanes);
        c2_2.fma(alphaV, FloatVector.fromArray(S, c, cOff + 2 * ldc + 2 * lanes).mul(betaV)).intoArray(c, cOff + 2 * ldc + 2 * lanes);
        c2_3.fma(alphaV, FloatVector.fromArray(S, c, cOff + 2 * ldc + 3 * lanes).mul(betaV)).intoArray(c, cOff + 2 * ldc + 3 * lanes);
        c3_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 3 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 3 * ldc + 0 * lanes);
        c3_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 3 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 3 * ldc + 1 * lanes);
        c3_2.fma(alphaV, FloatVector.fromArray(S, c, cOff + 3 * ldc + 2 * lanes).mul(betaV)).intoArray(c, cOff + 3 * ldc + 2 * lanes);
        c3_3.fma(alphaV, FloatVector.fromArray(S, c, cOff + 3 * ldc + 3 * lanes).mul(betaV)).intoArray(c, cOff + 3 * ldc + 3 * lanes);
        c4_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 4 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 4 * ldc + 0 * lanes);
        c4_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 4 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 4 * ldc + 1 * lanes);
        c4_2.fma(alphaV, FloatVector.fromArray(S, c, cOff + 4 * ldc + 2 * lanes).mul(betaV)).intoArray(c, cOff + 4 * ldc + 2 * lanes);
        c4_3.fma(alphaV, FloatVector.fromArray(S, c, cOff + 4 * ldc + 3 * lanes).mul(betaV)).intoArray(c, cOff + 4 * ldc + 3 * lanes);
        c5_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 5 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 5 * ldc + 0 * lanes);
        c5_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 5 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 5 * ldc + 1 * lanes);
        c5_2.fma(alphaV, FloatVector.fromArray(S, c, cOff + 5 * ldc + 2 * lanes).mul(betaV)).intoArray(c, cOff + 5 * ldc + 2 * lanes);
        c5_3.fma(alphaV, FloatVector.fromArray(S, c, cOff + 5 * ldc + 3 * lanes).mul(betaV)).intoArray(c, cOff + 5 * ldc + 3 * lanes);
      }
    }
  }
  /** Candidate: 6 x 2 lanes, 12 accumulators. */
  static final class Tile6x2v implements GemmMicroKernel {
    public int mr() { return 6; }
    public int nr() { return 2 * L; }
    public boolean allZero(float[] x, int off, int len) { return PanamaZeros.allZero(x, off, len); }
    public void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float alpha, float beta, float[] c, int cOff, int ldc) {
      int lanes = L, nr = 2 * lanes, MR = 6;
      FloatVector zero = FloatVector.zero(S);
      FloatVector c0_0 = zero, c0_1 = zero, c1_0 = zero, c1_1 = zero, c2_0 = zero, c2_1 = zero, c3_0 = zero, c3_1 = zero, c4_0 = zero, c4_1 = zero, c5_0 = zero, c5_1 = zero;
      for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += MR, bi += nr) {
        FloatVector b0 = FloatVector.fromArray(S, b, bi + 0 * lanes);
        FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * lanes);
        FloatVector x;
        x = FloatVector.broadcast(S, a[ai + 0]); c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1);
        x = FloatVector.broadcast(S, a[ai + 1]); c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1);
        x = FloatVector.broadcast(S, a[ai + 2]); c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1);
        x = FloatVector.broadcast(S, a[ai + 3]); c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1);
        x = FloatVector.broadcast(S, a[ai + 4]); c4_0 = x.fma(b0, c4_0); c4_1 = x.fma(b1, c4_1);
        x = FloatVector.broadcast(S, a[ai + 5]); c5_0 = x.fma(b0, c5_0); c5_1 = x.fma(b1, c5_1);
      }
      FloatVector alphaV = FloatVector.broadcast(S, alpha);
      if (beta == 0f) {
        c0_0.mul(alphaV).intoArray(c, cOff + 0 * ldc + 0 * lanes); c0_1.mul(alphaV).intoArray(c, cOff + 0 * ldc + 1 * lanes);
        c1_0.mul(alphaV).intoArray(c, cOff + 1 * ldc + 0 * lanes); c1_1.mul(alphaV).intoArray(c, cOff + 1 * ldc + 1 * lanes);
        c2_0.mul(alphaV).intoArray(c, cOff + 2 * ldc + 0 * lanes); c2_1.mul(alphaV).intoArray(c, cOff + 2 * ldc + 1 * lanes);
        c3_0.mul(alphaV).intoArray(c, cOff + 3 * ldc + 0 * lanes); c3_1.mul(alphaV).intoArray(c, cOff + 3 * ldc + 1 * lanes);
        c4_0.mul(alphaV).intoArray(c, cOff + 4 * ldc + 0 * lanes); c4_1.mul(alphaV).intoArray(c, cOff + 4 * ldc + 1 * lanes);
        c5_0.mul(alphaV).intoArray(c, cOff + 5 * ldc + 0 * lanes); c5_1.mul(alphaV).intoArray(c, cOff + 5 * ldc + 1 * lanes);
      } else {
        FloatVector betaV = FloatVector.broadcast(S, beta);
        c0_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 0 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 0 * ldc + 0 * lanes);
        c0_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 0 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 0 * ldc + 1 * lanes);
        c1_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 1 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 1 * ldc + 0 * lanes);
        c1_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 1 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 1 * ldc + 1 * lanes);
        c2_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 2 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 2 * ldc + 0 * lanes);
        c2_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 2 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 2 * ldc + 1 * lanes);
        c3_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 3 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 3 * ldc + 0 * lanes);
        c3_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 3 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 3 * ldc + 1 * lanes);
        c4_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 4 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 4 * ldc + 0 * lanes);
        c4_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 4 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 4 * ldc + 1 * lanes);
        c5_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 5 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 5 * ldc + 0 * lanes);
        c5_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 5 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 5 * ldc + 1 * lanes);
      }
    }
  }
  /** Candidate: 4 x 3 lanes, 12 accumulators. */
  static final class Tile4x3v implements GemmMicroKernel {
    public int mr() { return 4; }
    public int nr() { return 3 * L; }
    public boolean allZero(float[] x, int off, int len) { return PanamaZeros.allZero(x, off, len); }
    public void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float alpha, float beta, float[] c, int cOff, int ldc) {
      int lanes = L, nr = 3 * lanes, MR = 4;
      FloatVector zero = FloatVector.zero(S);
      FloatVector c0_0 = zero, c0_1 = zero, c0_2 = zero, c1_0 = zero, c1_1 = zero, c1_2 = zero, c2_0 = zero, c2_1 = zero, c2_2 = zero, c3_0 = zero, c3_1 = zero, c3_2 = zero;
      for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += MR, bi += nr) {
        FloatVector b0 = FloatVector.fromArray(S, b, bi + 0 * lanes);
        FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * lanes);
        FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * lanes);
        FloatVector x;
        x = FloatVector.broadcast(S, a[ai + 0]); c0_0 = x.fma(b0, c0_0); c0_1 = x.fma(b1, c0_1); c0_2 = x.fma(b2, c0_2);
        x = FloatVector.broadcast(S, a[ai + 1]); c1_0 = x.fma(b0, c1_0); c1_1 = x.fma(b1, c1_1); c1_2 = x.fma(b2, c1_2);
        x = FloatVector.broadcast(S, a[ai + 2]); c2_0 = x.fma(b0, c2_0); c2_1 = x.fma(b1, c2_1); c2_2 = x.fma(b2, c2_2);
        x = FloatVector.broadcast(S, a[ai + 3]); c3_0 = x.fma(b0, c3_0); c3_1 = x.fma(b1, c3_1); c3_2 = x.fma(b2, c3_2);
      }
      FloatVector alphaV = FloatVector.broadcast(S, alpha);
      if (beta == 0f) {
        c0_0.mul(alphaV).intoArray(c, cOff + 0 * ldc + 0 * lanes); c0_1.mul(alphaV).intoArray(c, cOff + 0 * ldc + 1 * lanes); c0_2.mul(alphaV).intoArray(c, cOff + 0 * ldc + 2 * lanes);
        c1_0.mul(alphaV).intoArray(c, cOff + 1 * ldc + 0 * lanes); c1_1.mul(alphaV).intoArray(c, cOff + 1 * ldc + 1 * lanes); c1_2.mul(alphaV).intoArray(c, cOff + 1 * ldc + 2 * lanes);
        c2_0.mul(alphaV).intoArray(c, cOff + 2 * ldc + 0 * lanes); c2_1.mul(alphaV).intoArray(c, cOff + 2 * ldc + 1 * lanes); c2_2.mul(alphaV).intoArray(c, cOff + 2 * ldc + 2 * lanes);
        c3_0.mul(alphaV).intoArray(c, cOff + 3 * ldc + 0 * lanes); c3_1.mul(alphaV).intoArray(c, cOff + 3 * ldc + 1 * lanes); c3_2.mul(alphaV).intoArray(c, cOff + 3 * ldc + 2 * lanes);
      } else {
        FloatVector betaV = FloatVector.broadcast(S, beta);
        c0_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 0 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 0 * ldc + 0 * lanes);
        c0_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 0 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 0 * ldc + 1 * lanes);
        c0_2.fma(alphaV, FloatVector.fromArray(S, c, cOff + 0 * ldc + 2 * lanes).mul(betaV)).intoArray(c, cOff + 0 * ldc + 2 * lanes);
        c1_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 1 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 1 * ldc + 0 * lanes);
        c1_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 1 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 1 * ldc + 1 * lanes);
        c1_2.fma(alphaV, FloatVector.fromArray(S, c, cOff + 1 * ldc + 2 * lanes).mul(betaV)).intoArray(c, cOff + 1 * ldc + 2 * lanes);
        c2_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 2 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 2 * ldc + 0 * lanes);
        c2_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 2 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 2 * ldc + 1 * lanes);
        c2_2.fma(alphaV, FloatVector.fromArray(S, c, cOff + 2 * ldc + 2 * lanes).mul(betaV)).intoArray(c, cOff + 2 * ldc + 2 * lanes);
        c3_0.fma(alphaV, FloatVector.fromArray(S, c, cOff + 3 * ldc + 0 * lanes).mul(betaV)).intoArray(c, cOff + 3 * ldc + 0 * lanes);
        c3_1.fma(alphaV, FloatVector.fromArray(S, c, cOff + 3 * ldc + 1 * lanes).mul(betaV)).intoArray(c, cOff + 3 * ldc + 1 * lanes);
        c3_2.fma(alphaV, FloatVector.fromArray(S, c, cOff + 3 * ldc + 2 * lanes).mul(betaV)).intoArray(c, cOff + 3 * ldc + 2 * lanes);
      }
    }
  }
}
