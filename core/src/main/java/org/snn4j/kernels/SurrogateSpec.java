package org.snn4j.kernels;

/**
 * A plain surrogate descriptor: the kind and up to two parameters, from which {@link NeuronLoops}
 * inlines the derivative (see {@link SurrogateKind} for what p1 and p2 mean per kind).
 *
 * @param kind the derivative's formula
 * @param p1   first parameter (width, γ, slope or α_s; unused by Lee)
 * @param p2   second parameter (β_s for STDB; unused otherwise)
 */
public record SurrogateSpec(SurrogateKind kind, float p1, float p2) {
    public SurrogateSpec {
        if (kind == null) throw new NullPointerException("kind");
    }
}
