// One-off harness of issue 27 (branch w5par): two threads on W5's deep convolutions, batch 32 x T 4 = 128 images laid out
// [T, N] with more spikes in later steps (densities 2, 8, 12, 14 % by step), the split before (two contiguous halves of
// the images, each half's kernel run whole on its thread, as Parallel.forRange cut them) against this branch's (the event
// forward in pieces dealt to the free thread; the event weight gradient split by output channels). Wall time of the
// whole call, least of R alternating calls (other processes load the machine: the least is the call that ran undisturbed).
// Run: java --add-modules jdk.incubator.vector -cp core/target/classes docs/results/issue-27/W5ParBench.java [R]
import java.util.concurrent.atomic.AtomicLong;
import org.snn4j.kernels.*;
import org.snn4j.tensor.Rng;
public class W5ParBench {
  interface Call { void run(); }
  static double least(Call c, int reps) {
    long best = Long.MAX_VALUE;
    for (int r = 0; r < reps; r++) { long t0 = System.nanoTime(); c.run(); best = Math.min(best, System.nanoTime() - t0); }
    return best / 1e6;
  }
  static float[] slice(float[] a, int from, int len) { float[] s = new float[len]; System.arraycopy(a, from, s, 0, len); return s; }
  public static void main(String[] a) {
    int reps = a.length > 0 ? Integer.parseInt(a[0]) : 60, steps = 4, samples = 32, n = steps * samples;
    double[] density = {0.02, 0.08, 0.12, 0.14};
    int[][] layers = {{64, 8, 128}, {128, 8, 128}, {128, 4, 256}, {256, 4, 256}, {256, 2, 256}};
    try (ComputePool pool = ComputePool.of(2)) {
      for (int[] l : layers) {
        int c = l[0], s = l[1], oc = l[2];
        ConvGeometry g = ConvGeometry.square(n, c, s, s, oc, 3, 1, 1), half = ConvGeometry.square(n / 2, c, s, s, oc, 3, 1, 1);
        Rng rng = new Rng(1);
        float[] x = new float[g.inputSize()], w = new float[g.weightSize()], dy = new float[g.outputSize()], y = new float[g.outputSize()];
        int img = c * s * s;
        for (int i = 0; i < n; i++) for (int k = 0; k < img; k++) if (rng.nextFloat() < density[i / samples]) x[i * img + k] = 1f;
        rng.fillUniform(w, -0.1f, 0.1f);
        for (int i = 0; i < dy.length; i++) if (rng.nextFloat() < 0.3f) dy[i] = rng.nextFloat() - 0.5f;
        float[] wt = EventKernels.transposed(oc, c * 9, w);
        int inHalf = half.inputSize(), outHalf = half.outputSize();
        float[] x0 = slice(x, 0, inHalf), x1 = slice(x, inHalf, inHalf), dy0 = slice(dy, 0, outHalf), dy1 = slice(dy, outHalf, outHalf);
        float[] y0 = new float[outHalf], y1 = new float[outHalf];
        // before: the two halves, each whole on one thread (nested calls run inline on a worker)
        Call fwdHalves = () -> pool.run(() -> Parallel.forRange(2, 1, (f, t) -> {
          for (int h = f; h < t; h++) EventKernels.convForward(half, h == 0 ? x0 : x1, wt, null, h == 0 ? y0 : y1);
        }));
        Call fwdPieces = () -> pool.run(() -> { EventKernels.convForward(g, x, wt, null, y); });
        float[] dw = new float[g.weightSize()], db = new float[oc];
        float[][] part = {new float[g.weightSize()], new float[g.weightSize()]};
        float[][] partB = {new float[oc], new float[oc]};
        Call wgHalves = () -> pool.run(() -> {
          Parallel.forRange(2, 1, (f, t) -> {
            for (int h = f; h < t; h++) {
              float[] p = new float[g.weightSize()];   // as before: a new accumulator per call and thread
              EventWeightGradient.backwardWeights(half, h == 0 ? x0 : x1, h == 0 ? dy0 : dy1, p, partB[h]);
              part[h] = p;
            }
          });
          for (float[] p : part) for (int i = 0; i < dw.length; i++) dw[i] += p[i];   // the caller's sum, serial
        });
        Call wgBlocks = () -> pool.run(() -> EventWeightGradient.backwardWeights(g, x, dy, dw, db));
        for (int warm = 0; warm < 3; warm++) { least(fwdHalves, 20); least(fwdPieces, 20); least(wgHalves, 10); least(wgBlocks, 10); }
        double fh = 1e9, fp = 1e9, wh = 1e9, wb = 1e9;
        for (int round = 0; round < 5; round++) {
          fh = Math.min(fh, least(fwdHalves, reps / 5)); fp = Math.min(fp, least(fwdPieces, reps / 5));
          wh = Math.min(wh, least(wgHalves, reps / 5)); wb = Math.min(wb, least(wgBlocks, reps / 5));
        }
        System.out.printf("%d->%d @%dx%d | event forward: halves %.3f ms, pieces %.3f ms (%.2fx) | event weight gradient: image halves %.3f ms, channel blocks %.3f ms (%.2fx)%n",
            c, oc, s, s, fh, fp, fh / fp, wh, wb, wh / wb);
      }
    }
  }
}
