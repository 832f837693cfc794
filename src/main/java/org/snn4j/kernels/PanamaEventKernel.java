package org.snn4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API body of {@link EventKernel}: the scan compares a vector of inputs with zero and walks
 * the set bits of the mask; the accumulation is one FMA per vector of a weight row, then a scalar tail.
 * Same loop order and rounding as {@link ScalarEventKernel}. Loaded only after {@link KernelProvider} has
 * checked that the Vector API is readable.
 */
final class PanamaEventKernel implements EventKernel {
    private static final VectorSpecies<Float> SPECIES = VectorConstants.FLOATS;
    private static final int LANES = SPECIES.length();

    @Override
    public int gather(float[] x, int from, int n, int[] index, float[] value) {
        int count = 0, i = 0;
        for (; i <= n - LANES; i += LANES) {
            // NE is an unordered compare for NaN (true) and equal for -0 (false), as the scalar v != 0 || v != v
            long bits = FloatVector.fromArray(SPECIES, x, from + i).compare(VectorOperators.NE, 0f).toLong();
            while (bits != 0) {
                int lane = Long.numberOfTrailingZeros(bits);
                index[count] = i + lane;
                value[count++] = x[from + i + lane];
                bits &= bits - 1;
            }
        }
        for (; i < n; i++) {  // scalar tail
            float v = x[from + i];
            if (v != 0f || v != v) {
                index[count] = i;
                value[count++] = v;
            }
        }
        return count;
    }

    @Override
    public int countNonZero(float[] x, int from, int to) {
        int count = 0, i = from;
        for (; i <= to - LANES; i += LANES) {
            count += FloatVector.fromArray(SPECIES, x, i).compare(VectorOperators.NE, 0f).trueCount();
        }
        for (; i < to; i++) if (x[i] != 0f || x[i] != x[i]) count++;  // scalar tail
        return count;
    }

    @Override
    public void accumulate(float v, float[] w, int wOff, float[] y, int yOff, int n) {
        FloatVector vv = FloatVector.broadcast(SPECIES, v);
        int i = 0;
        for (; i <= n - LANES; i += LANES) {
            FloatVector.fromArray(SPECIES, w, wOff + i).fma(vv, FloatVector.fromArray(SPECIES, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] = Math.fma(w[wOff + i], v, y[yOff + i]);  // scalar tail
    }
}
