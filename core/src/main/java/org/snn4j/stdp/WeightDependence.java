package org.snn4j.stdp;

/**
 * How an STDP update depends on the weight it changes, and the bounds it stays in. A potentiation of size
 * {@code a} changes w to {@code clip(w + a·(wmax − w)^μ)}, a depression to {@code clip(w − a·(w − wmin)^μ)},
 * clip to {@code [wmin, wmax]}. μ = 0 is the additive rule (hard bounds only), μ = 1 the multiplicative,
 * soft-bounded one (updates shrink as w nears a bound), 0 &lt; μ &lt; 1 in between (Gütig et al. 2003).
 *
 * @param wmin lower bound
 * @param wmax upper bound
 * @param mu   the exponent μ ≥ 0
 */
public record WeightDependence(float wmin, float wmax, float mu) {
    public WeightDependence {
        if (!(wmin < wmax)) throw new IllegalArgumentException("wmin must be below wmax, were " + wmin + ", " + wmax);
        if (!(mu >= 0) || Float.isInfinite(mu)) throw new IllegalArgumentException("mu must be finite and >= 0, was " + mu);
    }

    /** Additive updates, clipped to {@code [wmin, wmax]}. */
    public static WeightDependence additive(float wmin, float wmax) {
        return new WeightDependence(wmin, wmax, 0f);
    }

    /** Multiplicative (soft-bounded) updates with exponent μ. */
    public static WeightDependence softBounded(float wmin, float wmax, float mu) {
        return new WeightDependence(wmin, wmax, mu);
    }

    /** {@code clip(w + a·(wmax − w)^μ)}. */
    public float potentiate(float w, float a) {
        return clip(w + a * factor(wmax - w));
    }

    /** {@code clip(w − a·(w − wmin)^μ)}. */
    public float depress(float w, float a) {
        return clip(w - a * factor(w - wmin));
    }

    private float factor(float distance) {
        if (mu == 0f) return 1f;
        float d = Math.max(distance, 0f);
        return mu == 1f ? d : (float) Math.pow(d, mu);
    }

    /** {@code w} clipped to {@code [wmin, wmax]}. */
    public float clip(float w) {
        return Math.min(wmax, Math.max(wmin, w));
    }
}
