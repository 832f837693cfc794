// Checks that the reverse loop gives bit for bit what main's gave (OldPanamaNeuronLoops), for every spec of NeuronLoopsTest.
package org.snn4j.kernels;
import java.util.*;
public class ReverseSame {
  public static void main(String[] a) {
    SurrogateSpec[] surrogates = {new SurrogateSpec(SurrogateKind.RECTANGULAR, 1f, 0f), new SurrogateSpec(SurrogateKind.TRIANGLE, 0.3f, 0f),
        new SurrogateSpec(SurrogateKind.FAST_SIGMOID, 4f, 0f), new SurrogateSpec(SurrogateKind.ARCTAN, 2f, 0f),
        new SurrogateSpec(SurrogateKind.STDB, 0.3f, 0.01f), new SurrogateSpec(SurrogateKind.LEE, 0f, 0f)};
    int checked = 0;
    for (int neurons : new int[] {1, 16, 17, 33, 48, 64, 100, 257, 1568}) {
      for (int steps : new int[] {1, 5, 8}) {
        SplittableRandom rng = new SplittableRandom(neurons * 31 + steps);
        float[] x = new float[steps * neurons], gs = new float[steps * neurons];
        for (int i = 0; i < x.length; i++) { x[i] = (float) rng.nextDouble(-0.6, 1.6); gs[i] = (float) rng.nextDouble(-1, 1); }
        if (neurons > 3) { x[2] = Float.NaN; x[3] = 1f; }
        int k = 0;
        for (SurrogateSpec s : surrogates) for (int variant = 0; variant < 8; variant++, k++) {
          NeuronSpec spec = new NeuronSpec(variant % 2 == 0 ? 0.9f : 1f, variant % 4 < 2 ? 1f : 0.7f, variant >= 4, k % 2 == 0, k % 3 != 0, k % 5 == 0, s);
          boolean lee = s.kind().isLee();
          for (boolean held : new boolean[] {false, true}) {
            float[] in = held ? Arrays.copyOf(x, neurons) : x;
            int outLen = held ? neurons : steps * neurons;
            float[] g1 = new float[outLen], g2 = new float[outLen];
            double[] p1 = lee ? null : new double[] {0.25, -1.5}, p2 = lee ? null : new double[] {0.25, -1.5};
            OldPanamaNeuronLoops.INSTANCE.reverse(spec, in, gs, g1, steps, neurons, 0, neurons, p1, held);
            PanamaNeuronLoops.INSTANCE.reverse(spec, in, gs, g2, steps, neurons, 0, neurons, p2, held, 0, neurons);
            boolean same = Arrays.equals(g1, g2) && Arrays.equals(p1, p2);
            if (!same) { System.out.println("DIFFERENT " + spec + " held " + held + " neurons " + neurons + " steps " + steps + " " + Arrays.toString(p1) + Arrays.toString(p2)); System.exit(1); }
            float[] s1 = new float[steps * neurons], s2 = new float[steps * neurons];
            long c1 = OldPanamaNeuronLoops.INSTANCE.forward(spec, in, s1, steps, neurons, 0, neurons, held, null);
            long c2 = PanamaNeuronLoops.INSTANCE.forward(spec, in, s2, steps, neurons, 0, neurons, held, null);
            if (c1 != c2 || !Arrays.equals(s1, s2)) { System.out.println("FORWARD DIFFERENT " + spec); System.exit(1); }
            checked++;
          }
        }
      }
    }
    System.out.println("bit for bit the same as before: " + checked + " cases (spec x held x neurons x steps), gradients, parameter gradients, spikes");
  }
}
