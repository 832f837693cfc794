package org.snn4j.encode;

import org.snn4j.Snn4jException;
import org.snn4j.tensor.Tensor;

/** Input checks shared by the encoders. */
final class EncoderArgs {
    private EncoderArgs() {}

    /**
     * @throws Snn4jException when {@code steps < 1}, the input has no batch dimension or holds a NaN/infinity
     */
    static void check(String who, Tensor input, int steps) {
        if (steps < 1) throw new Snn4jException(who + " encoder: time steps must be ≥ 1, was " + steps);
        if (input.rank() < 1) throw new Snn4jException(who + " encoder: input expected [N, ...], was " + input.shapeString());
        int bad = input.firstNonFinite();
        if (bad >= 0) {
            throw new Snn4jException(who + " encoder: input element " + bad + " of " + input.shapeString()
                    + " is " + input.data()[bad]);
        }
    }
}
