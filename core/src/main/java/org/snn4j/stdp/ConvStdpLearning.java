package org.snn4j.stdp;

/**
 * How a {@link ConvStdpLayer} is learned: the rule at its starting rates, the winners per sample and their inhibition
 * radius, and the paper's rate schedule (both rates doubled every {@code doubleEvery} samples while a₊ stays at or
 * below {@code maxAPlus}; {@code doubleEvery} 0: constant rates).
 *
 * @param rule        the rule at the first sample
 * @param winners     winners per sample (at most one per map), ≥ 1
 * @param radius      inhibition radius of a winner on other maps' winners, in positions, ≥ 0
 * @param doubleEvery samples between doublings of the rates, ≥ 0
 * @param maxAPlus    the largest a₊ the schedule reaches
 */
public record ConvStdpLearning(ConvStdpRule rule, int winners, int radius, int doubleEvery, float maxAPlus) {
    public ConvStdpLearning {
        java.util.Objects.requireNonNull(rule, "rule");
        if (winners < 1) throw new IllegalArgumentException("winners must be >= 1, was " + winners);
        if (radius < 0) throw new IllegalArgumentException("radius must be >= 0, was " + radius);
        if (doubleEvery < 0) throw new IllegalArgumentException("doubleEvery must be >= 0, was " + doubleEvery);
        if (!(maxAPlus >= rule.aPlus()) || maxAPlus >= 1) {
            throw new IllegalArgumentException("maxAPlus must be in [aPlus, 1), was " + maxAPlus);
        }
    }

    /**
     * The paper's settings for a first layer: a₊ = 0.004, a₋ = −0.003, doubled every 500 samples up to a₊ = 0.15;
     * 5 winners, radius 3 (those of SpykeTorch's reproduction).
     */
    public static ConvStdpLearning defaults() {
        return new ConvStdpLearning(ConvStdpRule.kheradpisheh(), 5, 3, 500, 0.15f);
    }

    /** The rule in force at sample {@code n} (0-based) of a layer's training. */
    public ConvStdpRule ruleAt(int n) {
        if (doubleEvery == 0) return rule;
        ConvStdpRule r = rule;
        for (int d = 0; d < n / doubleEvery && r.aPlus() * 2 <= maxAPlus; d++) r = r.scaled(2);
        return r;
    }
}
