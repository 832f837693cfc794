package org.snn4j.stdp;

/**
 * Trace-based pair STDP (Song, Miller &amp; Abbott 2000; Morrison et al. 2008). Per step of length dt, input
 * i's trace and output j's trace follow {@link Trace}:
 * <pre>
 *   x_pre  ← x_pre ·exp(−dt/τ_pre)  + s_pre     (nearest-spike: x_pre  ← 1 at a spike)
 *   x_post ← x_post·exp(−dt/τ_post) + s_post    (nearest-spike: x_post ← 1 at a spike)
 * </pre>
 * then, from the traces including this step's spikes,
 * <pre>
 *   at a post spike of j, for every i:  w_ij ← clip(w_ij + A₊·x_pre,i ·(wmax − w_ij)^μ)
 *   at a pre spike of i,  for every j:  w_ij ← clip(w_ij − A₋·x_post,j·(w_ij − wmin)^μ)
 * </pre>
 * potentiation first, then depression, each from the weight as it stands ({@link WeightDependence}: μ = 0
 * additive, μ &gt; 0 soft-bounded). With all-to-all traces the summed change over a pair of spikes Δt = t_post −
 * t_pre apart is {@code A₊·exp(−Δt/τ_pre)} for Δt ≥ 0 and {@code −A₋·exp(Δt/τ_post)} for Δt ≤ 0 (additive).
 *
 * @param aPlus      A₊ ≥ 0, the potentiation rate
 * @param aMinus     A₋ ≥ 0, the depression rate
 * @param tauPreMs   τ_pre, in ms
 * @param tauPostMs  τ_post, in ms
 * @param traces     all-to-all or nearest-spike
 * @param dependence bounds and weight dependence
 */
public record PairStdp(float aPlus, float aMinus, double tauPreMs, double tauPostMs, Trace.Kind traces,
        WeightDependence dependence) implements StdpRule {
    public PairStdp {
        TraceStdp.checkRate("aPlus", aPlus);
        TraceStdp.checkRate("aMinus", aMinus);
        java.util.Objects.requireNonNull(traces, "traces");
        java.util.Objects.requireNonNull(dependence, "dependence");
    }

    @Override
    public Plasticity start(Synapses synapses, double dtMs) {
        // The pair rule is the triplet rule without its triplet terms: one implementation of the step.
        return new TraceStdp(synapses, dtMs, traces, dependence, aPlus, 0f, aMinus, 0f, tauPreMs, tauPreMs, tauPostMs, tauPostMs);
    }
}
