package org.snn4j.stdp;

/**
 * The step of {@link TripletStdp} (and of {@link PairStdp}, its triplet rates 0), in the order its Javadoc
 * gives. Potentiation walks every input of a firing output and depression every output of a firing input:
 * work in proportion to the spikes, plus one decay of each trace per step. The slow traces r₂ and o₂ are
 * kept only when their rate is not 0.
 */
final class TraceStdp implements Plasticity {
    private final Synapses synapses;
    private final WeightDependence dependence;
    private final float a2Plus;
    private final float a3Plus;
    private final float a2Minus;
    private final float a3Minus;
    private final Trace r1;
    private final Trace r2;
    private final Trace o1;
    private final Trace o2;

    TraceStdp(Synapses synapses, double dtMs, Trace.Kind kind, WeightDependence dependence, float a2Plus, float a3Plus,
            float a2Minus, float a3Minus, double tauPlusMs, double tauXMs, double tauMinusMs, double tauYMs) {
        this.synapses = synapses;
        this.dependence = dependence;
        this.a2Plus = a2Plus;
        this.a3Plus = a3Plus;
        this.a2Minus = a2Minus;
        this.a3Minus = a3Minus;
        this.r1 = new Trace(synapses.in(), tauPlusMs, dtMs, kind);
        this.o1 = new Trace(synapses.out(), tauMinusMs, dtMs, kind);
        this.r2 = a3Minus == 0f ? null : new Trace(synapses.in(), tauXMs, dtMs, kind);
        this.o2 = a3Plus == 0f ? null : new Trace(synapses.out(), tauYMs, dtMs, kind);
    }

    static void checkRate(String name, float rate) {
        if (!(rate >= 0) || Float.isInfinite(rate)) throw new IllegalArgumentException(name + " must be finite and >= 0, was " + rate);
    }

    @Override
    public void step(int[] pre, int preCount, int[] post, int postCount) {
        r1.decay();
        o1.decay();
        if (r2 != null) r2.decay();
        if (o2 != null) o2.decay();
        r1.spikes(pre, preCount);
        o1.spikes(post, postCount);
        float[] w = synapses.weights();
        int in = synapses.in(), out = synapses.out();
        int preStride = synapses.preStride(), postStride = synapses.postStride();
        for (int k = 0; k < postCount; k++) {
            int j = post[k];
            float rate = a2Plus + (o2 == null ? 0f : a3Plus * o2.get(j));
            if (rate == 0f) continue;
            int base = j * postStride;
            for (int i = 0; i < in; i++) {
                float x = r1.get(i);
                if (x == 0f) continue;
                int at = base + i * preStride;
                w[at] = dependence.potentiate(w[at], rate * x);
            }
        }
        for (int k = 0; k < preCount; k++) {
            int i = pre[k];
            float rate = a2Minus + (r2 == null ? 0f : a3Minus * r2.get(i));
            if (rate == 0f) continue;
            int base = i * preStride;
            for (int j = 0; j < out; j++) {
                float y = o1.get(j);
                if (y == 0f) continue;
                int at = base + j * postStride;
                w[at] = dependence.depress(w[at], rate * y);
            }
        }
        if (r2 != null) r2.spikes(pre, preCount);
        if (o2 != null) o2.spikes(post, postCount);
    }

    @Override
    public void reset() {
        r1.reset();
        o1.reset();
        if (r2 != null) r2.reset();
        if (o2 != null) o2.reset();
    }

    @Override
    public Synapses synapses() {
        return synapses;
    }
}
