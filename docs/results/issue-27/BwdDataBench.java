// One-off harness of docs/BENCHMARKS.md, issue 27 (bwdneuron): the col2im fold (gathered, against the scattered
// fold it replaced and the scalar twin) and W1's conv2 backward-data (32 -> 64 channels, 14x14,
// 3x3 pad 1, N = T x batch images) as it was (dY gathered into a staging matrix, W packed transposed by the GEMM
// for every chunk and column block) against ConvImpl.byColumns at several chunk sizes; thread CPU, one thread,
// least of the repetitions after a warm-up; checks that dx is bit for bit the same.
// Run: java $(./snn4j --jvm-options) -cp cli/target/snn4j-cli-*-all.jar docs/results/issue-27/BwdDataBench.java [N]
package org.snn4j.kernels;
import java.lang.management.*;
import org.snn4j.tensor.Rng;
public class BwdDataBench {
  public static void main(String[] args) {
    Parallel.setThreads(1);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 512;
    ConvGeometry g = ConvGeometry.square(n, 32, 14, 14, 64, 3, 1, 1);
    float[] dy = new float[g.outputSize()], w = new float[g.weightSize()], ref = new float[g.inputSize()], dx = new float[g.inputSize()];
    Rng rng = new Rng(1);
    rng.fillUniform(dy, -1, 1);
    rng.fillUniform(w, -1, 1);
    for (int i = 0; i < dy.length; i++) if ((i * 2654435761L & 1023) < 480) dy[i] = 0f;   // ~47 % zeros, as measured
    Im2ColKernel vec = KernelProvider.vector().im2col(), sca = KernelProvider.scalar().im2col();
    int b = 6, width = b * 196;
    float[] dcol = new float[g.patch() * width], fold = new float[g.inputSize()];
    rng.fillUniform(dcol, -1, 1);
    boolean[][] inside = vec.insideMasks(g);
    long bs = Long.MAX_VALUE, bo = Long.MAX_VALUE, bn = Long.MAX_VALUE;
    for (int r = 0; r < 40; r++) {
      long t0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < 20; i++) sca.col2im(g, dcol, 0, b, null, fold);
      long t1 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < 20; i++) scatteredFold(g, dcol, 0, b, inside, fold);
      long t2 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < 20; i++) vec.col2im(g, dcol, 0, b, inside, dx);
      long t3 = mx.getCurrentThreadCpuTime();
      if (r >= 10) { bs = Math.min(bs, t1 - t0); bo = Math.min(bo, t2 - t1); bn = Math.min(bn, t3 - t2); }
      if (!java.util.Arrays.equals(fold, dx)) throw new AssertionError("folds differ");
    }
    System.out.printf("col2im of %d images: scalar %.3f ms, scattered vector %.3f ms, gathered vector %.3f ms: %.2fx the scattered, %.2fx the scalar%n",
        b, bs / 2e7, bo / 2e7, bn / 2e7, (double) bo / bn, (double) bs / bn);
    int[] chunks = {0, 1, 2, 3, 4, 6};
    long[] best = new long[chunks.length];
    java.util.Arrays.fill(best, Long.MAX_VALUE);
    for (int r = 0; r < 12; r++) {
      for (int c = 0; c < chunks.length; c++) {
        long t0 = mx.getCurrentThreadCpuTime();
        if (chunks[c] == 0) before(g, dy, w, ref); else ConvImpl.byColumns(g, dy, w, dx, chunks[c]);
        long t = mx.getCurrentThreadCpuTime() - t0;
        if (r >= 3) best[c] = Math.min(best[c], t);
        if (chunks[c] != 0 && !java.util.Arrays.equals(ref, dx)) throw new AssertionError("dx differs at chunk " + chunks[c]);
      }
    }
    System.out.printf("conv2 backward-data, %d images: before %.2f ms%n", n, best[0] / 1e6);
    for (int c = 1; c < chunks.length; c++)
      System.out.printf("  byColumns chunk %d: %.2f ms, %.2fx%n", chunks[c], best[c] / 1e6, (double) best[0] / best[c]);
  }

  /** The code before: per chunk, dY gathered into a staging matrix, Wᵀ · stage by the GEMM (A packed transposed), the scattered fold. */
  static void before(ConvGeometry g, float[] dy, float[] weight, float[] dx) {
    Im2ColKernel im2col = KernelProvider.get().im2col();
    int outC = g.outC(), plane = g.outPlane(), k = g.patch(), chunk = Conv2dKernels.imagesPerChunk(g, 1);
    boolean[][] inside = im2col.insideMasks(g);
    float[] dcol = new float[k * chunk * plane], stage = new float[outC * chunk * plane];
    for (int i0 = 0; i0 < g.n(); i0 += chunk) {
      int b = Math.min(chunk, g.n() - i0), width = b * plane;
      for (int bi = 0; bi < b; bi++)
        for (int o = 0; o < outC; o++) System.arraycopy(dy, ((i0 + bi) * outC + o) * plane, stage, o * width + bi * plane, plane);
      Gemm.sgemm(true, false, k, width, outC, 1f, weight, 0, k, stage, 0, width, 0f, dcol, 0, width);
      scatteredFold(g, dcol, i0, b, inside, dx);
    }
  }

  private static final jdk.incubator.vector.VectorSpecies<Float> S = VectorConstants.FLOATS;

  /** The vector fold before (scattered: a read, add and write of the plane per tap), as it was in PanamaIm2Col. */
  static void scatteredFold(ConvGeometry g, float[] dcol, int i0, int b, boolean[][] inside, float[] dx) {
        int c = g.c(), h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), plane = h * w, ld = b * plane;
        int lo = i0 * c * plane;
        java.util.Arrays.fill(dx, lo, (i0 + b) * c * plane, 0f);
        for (int bi = 0; bi < b; bi++) {
            for (int ci = 0; ci < c; ci++) {
                int channel = lo + (bi * c + ci) * plane;
                for (int ki = 0; ki < kh; ki++) {
                    int dy = ki - g.padH(), oyLo = Math.max(0, -dy), oyHi = Math.min(h, h - dy);
                    for (int kj = 0; kj < kw && oyLo < oyHi; kj++) {
                        int dxs = kj - g.padW(), shift = dy * w + dxs, dst = channel + shift;
                        int src = ((ci * kh + ki) * kw + kj) * ld + bi * plane;
                        for (int oy = oyLo; oy < oyHi; oy++) {
                            int at = src + oy * w;
                            for (int ox = 0; ox < Math.min(-dxs, w); ox++) dcol[at + ox] = 0f;
                            for (int ox = Math.max(0, w - dxs); ox < w; ox++) dcol[at + ox] = 0f;
                        }
                        int q = Math.max(oyLo * w, -shift), qHi = Math.min(oyHi * w, plane - shift);
                        for (; q + S.length() <= qHi; q += S.length()) {
                            jdk.incubator.vector.FloatVector.fromArray(S, dx, dst + q).add(jdk.incubator.vector.FloatVector.fromArray(S, dcol, src + q)).intoArray(dx, dst + q);
                        }
                        for (; q < qHi; q++) dx[dst + q] += dcol[src + q];
                    }
                }
            }
        }
    }
}
