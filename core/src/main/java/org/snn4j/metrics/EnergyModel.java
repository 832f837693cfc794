package org.snn4j.metrics;

import java.util.Locale;
import org.snn4j.Snn4jException;

/**
 * Energy per synaptic operation: a multiply-accumulate (MAC, what an ANN or an analog input costs) and an
 * accumulate (AC, what a spike costs). Presets are the 45 nm CMOS figures (Horowitz, ISSCC 2014) the
 * SNN papers use: fp32 MAC 4.6 pJ / AC 0.9 pJ, int32 MAC 3.2 pJ / AC 0.1 pJ (shared/papers.md §5.7).
 *
 * @param name  a preset name or {@code custom}
 * @param macPj picojoules per MAC
 * @param acPj  picojoules per AC
 */
public record EnergyModel(String name, double macPj, double acPj) {
    public EnergyModel {
        if (!(macPj > 0) || !(acPj > 0) || !Double.isFinite(macPj) || !Double.isFinite(acPj)) {
            throw new Snn4jException("energy per operation must be finite and > 0, was MAC " + macPj + " pJ, AC " + acPj + " pJ");
        }
    }

    /** 45 nm, 32-bit float: MAC 4.6 pJ, AC 0.9 pJ (the usual choice). */
    public static final EnergyModel FP32_45NM = new EnergyModel("45nm-fp32", 4.6, 0.9);
    /** 45 nm, 32-bit integer: MAC 3.2 pJ, AC 0.1 pJ. */
    public static final EnergyModel INT32_45NM = new EnergyModel("45nm-int32", 3.2, 0.1);

    /** A preset ({@code 45nm-fp32}, {@code 45nm-int32}) or {@code MAC_PJ,AC_PJ}, e.g. {@code 4.6,0.9}. */
    public static EnergyModel parse(String s) {
        if (s.equals(FP32_45NM.name)) return FP32_45NM;
        if (s.equals(INT32_45NM.name)) return INT32_45NM;
        String[] parts = s.split(",");
        if (parts.length == 2) {
            try {
                return new EnergyModel("custom", Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new Snn4jException("unknown energy model '" + s + "' (valid: 45nm-fp32, 45nm-int32, or MAC_PJ,AC_PJ such as 4.6,0.9)");
    }

    /** Joules of {@code macs} MACs and {@code acs} ACs. */
    public double joules(double macs, double acs) {
        return (macs * macPj + acs * acPj) * 1e-12;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (MAC %.1f pJ, AC %.1f pJ)", name, macPj, acPj);
    }
}
