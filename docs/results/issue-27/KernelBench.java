// One-off harness of docs/BENCHMARKS.md, issue 27 (trainspeed): the vector col2im and A packing against their scalar twins, thread CPU time.
package org.snn4j.kernels;
import java.lang.management.*;
import org.snn4j.tensor.Rng;
public class KernelBench {
  public static void main(String[] args) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Im2ColKernel vec = KernelProvider.vector().im2col(), sca = KernelProvider.scalar().im2col();
    // W1's conv2 backward-data chunk: 32 -> 64 channels, 14x14, b images
    int b = Integer.parseInt(args[0]);
    ConvGeometry g = ConvGeometry.square(b, 32, 14, 14, 64, 3, 1, 1);
    float[] dcol = new float[g.patch() * b * g.outPlane()], dx = new float[g.inputSize()];
    new Rng(1).fillUniform(dcol, -1, 1);
    boolean[][] inside = vec.insideMasks(g);
    long bs = Long.MAX_VALUE, bv = Long.MAX_VALUE;
    for (int r = 0; r < 40; r++) {
      long t0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < 10; i++) sca.col2im(g, dcol, 0, b, null, dx);
      long t1 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < 10; i++) vec.col2im(g, dcol, 0, b, inside, dx);
      long t2 = mx.getCurrentThreadCpuTime();
      if (r >= 10) { bs = Math.min(bs, t1 - t0); bv = Math.min(bv, t2 - t1); }
    }
    System.out.printf("col2im %d images: scalar %.3f ms vector %.3f ms ratio %.2f%n", b, bs / 1e7, bv / 1e7, (double) bs / bv);
    // W1's conv1 weight gradient A: dY staged 32 x width, packed in k blocks of kStep
    int m = 32, k = 256 * 49, mr = 8;
    float[] a = new float[m * k], dst = new float[m * 256];
    new Rng(2).fillUniform(a, -1, 1);
    PanamaGemm pg = new PanamaGemm();
    bs = Long.MAX_VALUE; bv = Long.MAX_VALUE;
    for (int r = 0; r < 40; r++) {
      long t0 = mx.getCurrentThreadCpuTime();
      for (int p0 = 0; p0 < k; p0 += 256) GemmPacking.packA(false, a, 0, k, 0, m, p0, 256, mr, dst);
      long t1 = mx.getCurrentThreadCpuTime();
      for (int p0 = 0; p0 < k; p0 += 256) pg.packA(false, a, 0, k, 0, m, p0, 256, dst);
      long t2 = mx.getCurrentThreadCpuTime();
      if (r >= 10) { bs = Math.min(bs, t1 - t0); bv = Math.min(bv, t2 - t1); }
    }
    System.out.printf("packA 32 x %d: scalar %.3f ms vector %.3f ms ratio %.2f%n", k, bs / 1e6, bv / 1e6, (double) bs / bv);
  }
}
