package org.snn4j.encode;

import org.snn4j.Snn4jException;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Input that is already a sequence: each sample holds its T frames stacked along its first axis,
 * {@code [N, T·C, ...]} (what {@code events.EventFrames} makes of event recordings), and the code is that
 * sequence, {@code out[t, n] = x[n, t·C .. (t+1)·C)}: {@code [T, N, C, ...]}. Deterministic; the random
 * stream is not used. Values are passed as they are (event counts per pixel and frame).
 */
public final class FramesEncoder implements Encoder {
    @Override
    public Tensor encode(Tensor input, int steps, Rng rng) {
        EncoderArgs.check("frames", input, steps);
        if (input.rank() < 2) throw new Snn4jException("frames encoder: input expected [N, T·C, ...], was " + input.shapeString());
        int n = input.dim(0);
        int[] step = stepShape(input.shapeFrom(1), steps);  // [C, ...]
        int frame = input.sizeFrom(1) / steps;  // C·H·W
        Tensor out = Tensor.zeros(Tensor.concat(new int[] {steps, n}, step));
        float[] x = input.data();
        float[] o = out.data();
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < steps; t++) System.arraycopy(x, (s * steps + t) * frame, o, (t * n + s) * frame, frame);
        }
        return out;
    }

    /**
     * {@code [C, ...]}: a sample {@code [T·C, ...]} holds T frames of this shape.
     *
     * @throws Snn4jException when the sample's first axis is not a multiple of {@code steps}
     */
    @Override
    public int[] stepShape(int[] sampleShape, int steps) {
        if (sampleShape.length == 0 || steps < 1 || sampleShape[0] % steps != 0) {
            throw new Snn4jException("frames encoder: samples " + java.util.Arrays.toString(sampleShape) + " do not hold " + steps
                    + " frames stacked along their first axis (T = " + steps + " must divide it)");
        }
        int[] s = sampleShape.clone();
        s[0] /= steps;
        return s;
    }

    @Override
    public String toString() {
        return "frames";
    }
}
