package org.snn4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API body of {@link EventKernel}: a count compares vectors of inputs with zero; a sum keeps four vectors of outputs in registers over all events of the
 * row, then single vectors, then a scalar tail.
 * Same loop order and rounding as {@link ScalarEventKernel}. Loaded only after {@link KernelProvider} has
 * checked that the Vector API is readable.
 */
final class PanamaEventKernel implements EventKernel {
    private static final VectorSpecies<Float> SPECIES = VectorConstants.FLOATS;
    private static final int LANES = SPECIES.length();

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
        for (; i <= n - LANES; i += LANES) {  // one vector at a time
            FloatVector a = FloatVector.zero(SPECIES);
            for (int e = from; e < to; e++) {
                a = FloatVector.fromArray(SPECIES, w, offset[e] + i).fma(FloatVector.broadcast(SPECIES, value[e]), a);
            }
            store(a, y, yOff + i, add);
        }
        for (; i < n; i++) {  // scalar tail (the callers pad rows to whole vectors)
            float acc = 0f;
            for (int e = from; e < to; e++) acc = Math.fma(w[offset[e] + i], value[e], acc);
            y[yOff + i] = add ? acc + y[yOff + i] : acc;
        }
    }

    private static void store(FloatVector acc, float[] y, int at, boolean add) {
        (add ? acc.add(FloatVector.fromArray(SPECIES, y, at)) : acc).intoArray(y, at);
    }
}
