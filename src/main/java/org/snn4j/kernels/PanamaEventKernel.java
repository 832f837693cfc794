package org.snn4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API body of {@link EventKernel}: the scan compares a vector of inputs with zero and walks
 * the set bits of the mask; a sum keeps four vectors of outputs in registers over all events of the
 * row, then single vectors, the last one masked.
 * Same loop order and rounding as {@link ScalarEventKernel}. Loaded only after {@link KernelProvider} has
 * checked that the Vector API is readable.
 */
final class PanamaEventKernel implements EventKernel {
    private static final VectorSpecies<Float> SPECIES = VectorConstants.FLOATS;
    private static final int LANES = SPECIES.length();

    @Override
    public int gather(float[] x, int from, int n, int[] index, float[] value, int at) {
        int count = at, i = 0;
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
        return count - at;
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
    public void sum(int from, int to, int[] offset, float[] value, float[] w, float[] y, int yOff, int n, boolean add) {
        int i = 0;
        // four vectors of outputs at a time, their accumulators held in registers across the events
        for (; i <= n - 4 * LANES; i += 4 * LANES) {
            FloatVector a0 = FloatVector.zero(SPECIES), a1 = a0, a2 = a0, a3 = a0;
            for (int e = from; e < to; e++) {
                FloatVector v = FloatVector.broadcast(SPECIES, value[e]);
                int at = offset[e] + i;
                a0 = FloatVector.fromArray(SPECIES, w, at).fma(v, a0);
                a1 = FloatVector.fromArray(SPECIES, w, at + LANES).fma(v, a1);
                a2 = FloatVector.fromArray(SPECIES, w, at + 2 * LANES).fma(v, a2);
                a3 = FloatVector.fromArray(SPECIES, w, at + 3 * LANES).fma(v, a3);
            }
            store(a0, y, yOff + i, add);
            store(a1, y, yOff + i + LANES, add);
            store(a2, y, yOff + i + 2 * LANES, add);
            store(a3, y, yOff + i + 3 * LANES, add);
        }
        for (; i < n; i += LANES) {  // one vector at a time, the last one masked
            VectorMask<Float> m = SPECIES.indexInRange(i, n);
            FloatVector a = FloatVector.zero(SPECIES);
            for (int e = from; e < to; e++) {
                a = FloatVector.fromArray(SPECIES, w, offset[e] + i, m).fma(FloatVector.broadcast(SPECIES, value[e]), a);
            }
            if (add) a = a.add(FloatVector.fromArray(SPECIES, y, yOff + i, m));
            a.intoArray(y, yOff + i, m);
        }
    }

    private static void store(FloatVector acc, float[] y, int at, boolean add) {
        (add ? acc.add(FloatVector.fromArray(SPECIES, y, at)) : acc).intoArray(y, at);
    }
}
