package org.snn4j.plot.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps data values to pixels along one axis, linearly or logarithmically (base 10), over a range widened to
 * round tick values.
 *
 * @param min    smallest value shown
 * @param max    largest value shown
 * @param from   pixel of {@code min}
 * @param to     pixel of {@code max}
 * @param log    whether the axis is logarithmic (then min &gt; 0)
 */
public record Scale(double min, double max, double from, double to, boolean log) {
    /**
     * A scale covering {@code values} (non-finite ones, and on a log axis non-positive ones, ignored), widened to
     * round numbers; a linear scale includes 0 when {@code fromZero}.
     */
    public static Scale covering(double[] values, double from, double to, boolean log, boolean fromZero) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isFinite(v) || (log && v <= 0)) continue;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (lo > hi) {
            lo = log ? 1 : 0;
            hi = log ? 10 : 1;
        }
        if (log) return new Scale(Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi) + 1e-9)), from, to, true);
        if (fromZero) lo = Math.min(lo, 0);
        if (hi == lo) hi = lo + 1;
        double step = niceStep((hi - lo) / 5);
        return new Scale(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, from, to, false);
    }

    /** The pixel of {@code v}. */
    public double at(double v) {
        double f = log ? (Math.log10(Math.max(v, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : (v - min) / (max - min);
        return from + f * (to - from);
    }

    /** Round values within the range to label: powers of ten on a log axis, about five round steps otherwise. */
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            for (double v = min; v <= max * 1.0001; v *= 10) ticks.add(v);
            return ticks;
        }
        double step = niceStep((max - min) / 5);
        for (double v = min; v <= max + step * 1e-6; v += step) ticks.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        return ticks;
    }

    /** A tick's label: short, in the notation that suits the range. */
    public String label(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e4 || a < 1e-3) return String.format(java.util.Locale.ROOT, "%.0e", v).replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        return Svg.n(Math.round(v * 1e4) / 1e4).replaceAll("(\\.\\d{3})\\d+", "$1");
    }

    private static double niceStep(double rough) {
        double p = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }
}
