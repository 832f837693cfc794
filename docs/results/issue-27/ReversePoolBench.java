// W1's two fused spiking + pooling training passes (neuron.PooledTraining), forward and backward, thread CPU time, best of 150 after 50 warm-up passes.
// Usage: java -cp CLASSES:. org.snn4j.neuron.ReversePoolBench [samples]; run on two class directories alternately for an A/B.
package org.snn4j.neuron;
import java.lang.management.*;
import org.snn4j.kernels.Parallel;
import org.snn4j.nn.*;
import org.snn4j.tensor.*;
public class ReversePoolBench {
  public static void main(String[] a) {
    Parallel.setThreads(1);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int n = a.length > 0 ? Integer.parseInt(a[0]) : 16, steps = 8;
    NeuronConfig c = new NeuronConfig(new LIF(0.9f), 1f, Reset.SUBTRACT, FireTest.NON_STRICT, InitialMembrane.ZERO, 1f);
    NeuronLayer sn = new NeuronLayer("sn", c, new Triangle(), false);
    AvgPool2d pool = new AvgPool2d("pool", 2, 2);
    int[][] shapes = {{1, n, 32, 28, 28}, {steps, n, 64, 14, 14}};
    String[] names = {"sn1 (held, 32x28x28)", "sn2 (64x14x14)"};
    for (int s = 0; s < 2; s++) {
      Tensor input = Tensor.zeros(shapes[s]);
      new Rng(3).fillUniform(input.data(), s == 0 ? -0.2f : -0.5f, s == 0 ? 0.6f : 1f);
      Tensor grad = null;
      long bf = Long.MAX_VALUE, bb = Long.MAX_VALUE;
      long hash = 0;
      for (int r = 0; r < 200; r++) {
        ForwardContext ctx = ForwardContext.training(new Rng(1)).withSteps(steps);
        long t0 = mx.getCurrentThreadCpuTime();
        Pass pass = sn.forwardThenPool(input, pool, ctx);
        long t1 = mx.getCurrentThreadCpuTime();
        if (grad == null) { grad = Tensor.zeros(pass.output().shape()); new Rng(5).fillUniform(grad.data(), -1e-3f, 1e-3f); }
        Tensor gx = pass.backward(grad, true);
        long t2 = mx.getCurrentThreadCpuTime();
        if (r >= 50) { bf = Math.min(bf, t1 - t0); bb = Math.min(bb, t2 - t1); }
        hash = java.util.Arrays.hashCode(gx.data()) * 31L + java.util.Arrays.hashCode(pass.output().data());
      }
      System.out.printf("%s, %d samples, T %d: forward %.2f ms, backward %.2f ms (output and gradient hash %x)%n", names[s], n, steps, bf / 1e6, bb / 1e6, hash);
    }
  }
}
