package org.snn4j.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Finite-difference gradient check for any {@link Layer} (test utility).
 *
 * <p>The scalar loss is L = Σ_i w_i · y_i with a fixed random projection w, so ∂L/∂y = w. Analytic
 * gradients from {@link Pass#backward} are compared with central differences
 * (L(x + ε) − L(x − ε)) / 2ε computed in double over a float forward pass, element by element for
 * the input and for every parameter (a random subset of at most {@code maxChecks} elements each).
 * An element passes when |analytic − numeric| ≤ atol + rtol · max(|analytic|, |numeric|).
 *
 * <p>The context supplier is called for every forward pass and must give identical randomness each
 * time (e.g. a new {@code ForwardContext} with a fixed seed) so dropout masks stay the same.
 */
public final class GradientCheck {
    private final double eps;
    private final double atol;
    private final double rtol;
    private int maxChecks = 200;

    public GradientCheck(double eps, double atol, double rtol) {
        this.eps = eps;
        this.atol = atol;
        this.rtol = rtol;
    }

    /** Default: ε = 1e-2, atol = 2e-3, rtol = 1e-2 (float32 forward passes). */
    public static GradientCheck standard() {
        return new GradientCheck(1e-2, 2e-3, 1e-2);
    }

    public GradientCheck maxChecks(int n) {
        this.maxChecks = n;
        return this;
    }

    /** Checks ∂L/∂input and ∂L/∂θ for all parameters of {@code layer}. */
    public void check(Layer layer, Tensor input, Supplier<ForwardContext> ctx) {
        check(layer, input, ctx, true);
    }

    /** As {@link #check(Layer, Tensor, Supplier)}; {@code checkInput = false} skips the input gradient. */
    public void check(Layer layer, Tensor input, Supplier<ForwardContext> ctx, boolean checkInput) {
        Rng rng = new Rng(1234);
        Pass pass = layer.forward(input, ctx.get());
        Tensor w = Tensor.zeros(pass.output().shape());
        rng.fillUniform(w.data(), -1f, 1f);
        for (Parameter p : layer.parameters()) p.zeroGrad();
        Tensor dx = pass.backward(w, checkInput);

        if (checkInput) compare(layer.name() + " input", input.data(), dx.data(), layer, input, ctx, w, rng);
        for (Parameter p : layer.parameters()) {
            compare(layer.name() + " " + p.name(), p.value().data(), p.grad().data().clone(), layer, input, ctx, w, rng);
        }
    }

    private void compare(String what, float[] x, float[] analytic, Layer layer, Tensor input,
                         Supplier<ForwardContext> ctx, Tensor w, Rng rng) {
        int n = x.length;
        int checks = Math.min(n, maxChecks);
        int failures = 0;
        StringBuilder report = new StringBuilder();
        for (int c = 0; c < checks; c++) {
            int i = checks == n ? c : rng.nextInt(n);
            float saved = x[i];
            x[i] = (float) (saved + eps);
            double plus = loss(layer, input, ctx, w);
            x[i] = (float) (saved - eps);
            double minus = loss(layer, input, ctx, w);
            x[i] = saved;
            double numeric = (plus - minus) / (2 * eps);
            double a = analytic[i];
            if (Math.abs(a - numeric) > atol + rtol * Math.max(Math.abs(a), Math.abs(numeric))) {
                if (failures++ < 5) {
                    report.append(String.format("%n  %s[%d]: analytic %.6g, numeric %.6g", what, i, a, numeric));
                }
            }
        }
        assertTrue(failures == 0, failures + " of " + checks + " gradient elements differ for " + what + report);
    }

    private static double loss(Layer layer, Tensor input, Supplier<ForwardContext> ctx, Tensor w) {
        float[] y = layer.forward(input, ctx.get()).output().data();
        float[] wd = w.data();
        double l = 0;
        for (int i = 0; i < y.length; i++) l += (double) wd[i] * y[i];
        return l;
    }
}
