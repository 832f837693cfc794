package org.snn4j.stdp;

/**
 * Triplet STDP (Pfister &amp; Gerstner 2006), all-to-all or nearest-spike traces. Two traces per input, r₁
 * (τ₊) and r₂ (τ_x), two per output, o₁ (τ₋) and o₂ (τ_y), each as {@link Trace}; per step, after the decay
 * and with this step's spikes in r₁ and o₁ but not yet in r₂ and o₂ (their values "just before", t − ε):
 * <pre>
 *   at a post spike of j, for every i:  w_ij ← clip(w_ij + r₁,i·(A₂₊ + A₃₊·o₂,j)·(wmax − w_ij)^μ)
 *   at a pre spike of i,  for every j:  w_ij ← clip(w_ij − o₁,j·(A₂₋ + A₃₋·r₂,i)·(w_ij − wmin)^μ)
 * </pre>
 * potentiation first, then depression; then this step's spikes enter r₂ and o₂. The paper's minimal model has
 * A₃₋ = 0 (r₂ unused); with A₃₊ = A₃₋ = 0 it is {@link PairStdp}. {@link #diehlCook} is the rule of Diehl &amp;
 * Cook's reference code, a minimal triplet rule on nearest-spike traces.
 *
 * @param a2Plus     A₂₊ ≥ 0, pair potentiation
 * @param a3Plus     A₃₊ ≥ 0, triplet potentiation (post-pre-post)
 * @param a2Minus    A₂₋ ≥ 0, pair depression
 * @param a3Minus    A₃₋ ≥ 0, triplet depression (pre-post-pre)
 * @param tauPlusMs  τ₊ of r₁, in ms
 * @param tauXMs     τ_x of r₂, in ms
 * @param tauMinusMs τ₋ of o₁, in ms
 * @param tauYMs     τ_y of o₂, in ms
 * @param traces     all-to-all or nearest-spike
 * @param dependence bounds and weight dependence
 */
public record TripletStdp(float a2Plus, float a3Plus, float a2Minus, float a3Minus, double tauPlusMs, double tauXMs,
        double tauMinusMs, double tauYMs, Trace.Kind traces, WeightDependence dependence) implements StdpRule {
    public TripletStdp {
        TraceStdp.checkRate("a2Plus", a2Plus);
        TraceStdp.checkRate("a3Plus", a3Plus);
        TraceStdp.checkRate("a2Minus", a2Minus);
        TraceStdp.checkRate("a3Minus", a3Minus);
        java.util.Objects.requireNonNull(traces, "traces");
        java.util.Objects.requireNonNull(dependence, "dependence");
    }

    /**
     * Diehl &amp; Cook 2015's reference rule: at a pre spike {@code w −= η_pre·post₁}, at a post spike
     * {@code w += η_post·pre·post₂(t − ε)}, nearest-spike traces pre (τ 20 ms), post₁ (20 ms), post₂ (40 ms),
     * η_pre = 1e-4, η_post = 1e-2, weights in [0, 1], additive (papers.md §5.8). That is A₂₊ = 0, A₃₊ = η_post,
     * A₂₋ = η_pre, A₃₋ = 0.
     */
    public static TripletStdp diehlCook() {
        return new TripletStdp(0f, 1e-2f, 1e-4f, 0f, 20, 20, 20, 40, Trace.Kind.NEAREST, WeightDependence.additive(0f, 1f));
    }

    @Override
    public Plasticity start(Synapses synapses, double dtMs) {
        return new TraceStdp(synapses, dtMs, traces, dependence, a2Plus, a3Plus, a2Minus, a3Minus, tauPlusMs, tauXMs,
                tauMinusMs, tauYMs);
    }
}
