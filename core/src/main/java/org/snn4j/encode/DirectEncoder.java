package org.snn4j.encode;

import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Direct (analog current) input: the same input at every step, out[t] = x for t = 0..T−1
 * ({@code [N, ...] → [T, N, ...]}). The first layer then integrates x as a constant current (DIET-SNN,
 * QCFS, Rueckauer's first layer). Deterministic; the random stream is not used.
 */
public final class DirectEncoder implements Encoder {
    @Override
    public Tensor encode(Tensor input, int steps, Rng rng) {
        EncoderArgs.check("direct", input, steps);
        float[] x = input.data();
        Tensor out = Tensor.zeros(Tensor.concat(new int[] {steps}, input.shape()));
        float[] o = out.data();
        for (int t = 0; t < steps; t++) System.arraycopy(x, 0, o, t * x.length, x.length);
        return out;
    }

    /** The input itself as a one-step sequence {@code [1, N, ...]} (shares its data), held for T steps. */
    @Override
    public Tensor encodeCompact(Tensor input, int steps, Rng rng) {
        EncoderArgs.check("direct", input, steps);
        return input.reshape(Tensor.concat(new int[] {1}, input.shape()));
    }

    @Override
    public String toString() {
        return "direct";
    }
}
