// One-off harness of docs/BENCHMARKS.md, issue 27 (branch w5): W5's convolution backward passes (vgg11 at width 0.5,
// 128 images = batch 32 x T 4) with an all-zero output gradient, as on W5's synthetic data, against a dense one (what
// every pass cost before PackedGemm skipped zero operands: its work did not depend on the values), through the passes
// (ConvImpl: the GEMM skips its zero operands) and through the facades (Conv2dKernels: no pass at all); thread CPU time,
// one thread, least of R calls after W. Also the backward-data GEMM alone, skipping against multiplying every tile.
// Run: javac -d OUT --add-modules jdk.incubator.vector -cp core/target/classes W5Bench.java;
//      java --add-modules jdk.incubator.vector -cp core/target/classes:OUT org.snn4j.kernels.W5Bench [R W]
package org.snn4j.kernels;
import java.lang.management.*;
import org.snn4j.tensor.Rng;
public class W5Bench {
  interface Call { void run(); }
  static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  static int reps = 12, warm = 4;
  static double least(Call c) {
    long best = Long.MAX_VALUE;
    for (int r = 0; r < warm + reps; r++) {
      long t0 = MX.getCurrentThreadCpuTime(); c.run(); long t = MX.getCurrentThreadCpuTime() - t0;
      if (r >= warm) best = Math.min(best, t);
    }
    return best / 1e6;
  }
  public static void main(String[] args) {
    if (args.length > 0) { reps = Integer.parseInt(args[0]); warm = Integer.parseInt(args[1]); }
    Parallel.setThreads(1);
    int n = 128;
    int[][] layers = {{32, 16, 64}, {64, 8, 128}, {128, 8, 128}, {128, 4, 256}, {256, 4, 256}, {256, 2, 256}};  // c, size, outC
    String[] names = {"conv2 32->64 @16", "conv3 64->128 @8", "conv4 128->128 @8", "conv5 128->256 @4", "conv6 256->256 @4", "conv7/8 256->256 @2"};
    Rng rng = new Rng(1);
    System.out.println("layer | backward-data: dense dY (ms) | zero dY, GEMM skipping | zero dY, facade | weight gradient: dense dY | zero dY, GEMM skipping | zero dY, facade");
    for (int l = 0; l < layers.length; l++) {
      int c = layers[l][0], s = layers[l][1], outC = layers[l][2];
      ConvGeometry g = ConvGeometry.square(n, c, s, s, outC, 3, 1, 1);
      float[] x = new float[g.inputSize()], w = new float[outC * c * 9], dense = new float[n * outC * s * s], zero = new float[dense.length];
      float[] dx = new float[x.length], dw = new float[w.length], db = new float[outC];
      rng.fillUniform(x, 0, 1); rng.fillUniform(w, -0.1f, 0.1f); rng.fillUniform(dense, -1, 1);
      double bd = least(() -> Conv2dKernels.backwardData(g, dense, w, dx));
      double bz = least(() -> ConvImpl.backwardData(g, zero, w, dx));
      double bf = least(() -> Conv2dKernels.backwardData(g, zero, w, dx));
      double wd = least(() -> Conv2dKernels.backwardWeights(g, x, dense, dw, db));
      double wz = least(() -> ConvImpl.backwardWeights(g, x, zero, dw, db));
      double wf = least(() -> Conv2dKernels.backwardWeights(g, x, zero, dw, db));
      System.out.printf("%s | %.2f | %.2f | %.3f | %.2f | %.2f | %.3f%n", names[l], bd, bz, bf, wd, wz, wf);
    }
    // the GEMM alone: conv2's col2im-path backward-data GEMM, M = 288, N = 1024, K = 64, B (dY) at several densities
    GemmMicroKernel kernel = KernelProvider.get().name().equals("scalar") ? new ScalarGemm() : new PanamaGemm();
    PackedGemm every = new PackedGemm(kernel, PackedGemm.KC, PackedGemm.MC, PackedGemm.NC, false);
    PackedGemm skipping = new PackedGemm(kernel, PackedGemm.KC, PackedGemm.MC, PackedGemm.NC, true);
    int m = 288, nn = 1024, k = 64;
    float[] a = new float[k * m], cc = new float[m * nn];
    rng.fillUniform(a, -1, 1);
    System.out.println("GEMM 288 x 1024 x 64 (A transposed), zero columns of B | every tile (ms) | skipping (ms) | ratio");
    for (double live : new double[] {0, 0.1, 0.5, 1}) {
      float[] b = new float[k * nn];
      for (int j = 0; j < nn; j += 32) {            // whole 32-column panels live or zero (a position's dY over all channels)
        if (rng.nextFloat() >= live) continue;
        for (int p = 0; p < k; p++) for (int q = j; q < j + 32; q++) b[p * nn + q] = rng.nextFloat() - 0.5f;
      }
      double te = least(() -> every.sgemm(true, false, m, nn, k, 1f, a, 0, m, b, 0, nn, 0f, cc, 0, nn));
      double ts = least(() -> skipping.sgemm(true, false, m, nn, k, 1f, a, 0, m, b, 0, nn, 0f, cc, 0, nn));
      System.out.printf("%.0f %% of panels live | %.3f | %.3f | %.2f%n", 100 * live, te, ts, te / ts);
    }
    // Adam over W5's 4.4 M parameters (one tensor here): gradients all zero from the start (W5) against dense ones
    int params = 4_400_000;
    org.snn4j.nn.Parameter zeroP = new org.snn4j.nn.Parameter("w", new org.snn4j.tensor.Tensor(new float[params], params), false);
    org.snn4j.nn.Parameter denseP = new org.snn4j.nn.Parameter("w", new org.snn4j.tensor.Tensor(new float[params], params), false);
    rng.fillUniform(zeroP.value().data(), -1, 1);
    rng.fillUniform(denseP.value().data(), -1, 1);
    rng.fillUniform(denseP.grad().data(), -1e-3f, 1e-3f);
    org.snn4j.optim.Adam zeroAdam = new org.snn4j.optim.Adam(java.util.List.of(zeroP), 0), denseAdam = new org.snn4j.optim.Adam(java.util.List.of(denseP), 0);
    double az = least(() -> zeroAdam.step(1e-3)), ad = least(() -> denseAdam.step(1e-3));
    System.out.printf("Adam step, 4.4 M parameters | dense gradient %.2f ms | zero gradient %.3f ms | ratio %.0f%n", ad, az, ad / az);
  }
}
