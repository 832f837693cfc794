package org.snn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snn4j.Snn4jException;
import org.snn4j.io.SafeTensors;
import org.snn4j.nn.Parameter;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/** Save, restore through a safetensors file image, continue: the resumed run must match bit for bit. */
class OptimizerStateTest {
    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("sgd", (Function<List<Parameter>, Optimizer>) p -> new Sgd(p)),
                Arguments.of("sgd momentum", (Function<List<Parameter>, Optimizer>) p -> new Sgd(p, 0.9, false, 5e-4)),
                Arguments.of("sgd nesterov", (Function<List<Parameter>, Optimizer>) p -> new Sgd(p, 0.9, true, 5e-4)),
                Arguments.of("adam", (Function<List<Parameter>, Optimizer>) p -> new Adam(p, 0.9, 0.999, 1e-8, 1e-4)),
                Arguments.of("adamw", (Function<List<Parameter>, Optimizer>) p -> new AdamW(p, 0.9, 0.99, 1e-8, 1e-2)));
    }

    private static List<Parameter> model(long seed) {
        Rng rng = new Rng(seed);
        List<Parameter> params = new ArrayList<>();
        params.add(new Parameter("conv.weight", Tensor.zeros(4, 3, 3, 3), true));
        params.add(new Parameter("conv.bias", Tensor.zeros(4), false));
        params.add(new Parameter("fc.weight", Tensor.zeros(10, 37), true));
        for (Parameter p : params) rng.fillGaussian(p.value().data(), 0.5);
        return params;
    }

    private static List<Parameter> copyOf(List<Parameter> params) {
        List<Parameter> c = new ArrayList<>();
        for (Parameter p : params) c.add(new Parameter(p.name(), p.value().copy(), p.decayed()));
        return c;
    }

    private static void steps(Optimizer opt, Rng grads, int from, int to) {
        for (int s = from; s < to; s++) {
            for (Parameter p : opt.parameters()) grads.fillGaussian(p.grad().data(), 1);
            opt.step(0.05 / (1 + s));
            for (Parameter p : opt.parameters()) p.zeroGrad();
        }
    }

    private static Map<String, Tensor> throughFile(Map<String, Tensor> state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SafeTensors.write(bytes, state, Map.of());
        return SafeTensors.read(bytes.toByteArray(), "state").tensors();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void resumedRunContinuesBitIdentically(String name, Function<List<Parameter>, Optimizer> make) throws IOException {
        List<Parameter> straight = model(1);
        Optimizer a = make.apply(straight);
        steps(a, new Rng(9), 0, 6);

        List<Parameter> first = model(1);
        Optimizer b = make.apply(first);
        Rng grads = new Rng(9);
        steps(b, grads, 0, 3);
        Map<String, Tensor> saved = throughFile(b.state());
        List<Parameter> resumed = copyOf(first);
        Optimizer c = make.apply(resumed);
        c.loadState(saved);
        steps(c, grads, 3, 6);

        for (int i = 0; i < straight.size(); i++) {
            assertArrayEquals(straight.get(i).value().data(), resumed.get(i).value().data(), name + " " + straight.get(i).name());
        }
        Map<String, Tensor> sa = a.state(), sc = c.state();
        assertArrayEquals(sa.keySet().toArray(), sc.keySet().toArray());
        for (String k : sa.keySet()) assertArrayEquals(sa.get(k).data(), sc.get(k).data(), k);
    }

    @Test
    void refusesStateOfAnotherKindOrShapeAndStaysUntouched() {
        List<Parameter> params = model(2);
        Adam adam = new Adam(params, 0.0);
        steps(adam, new Rng(3), 0, 2);
        Map<String, Tensor> before = adam.state();

        Map<String, Tensor> sgdState = new Sgd(params, 0.9, false, 0).state();
        String m = assertThrows(Snn4jException.class, () -> adam.loadState(sgdState)).getMessage();
        assertTrue(m.startsWith("adam state") && m.contains("exp_avg") && m.contains("momentum_buffer/conv.bias"), m);

        Map<String, Tensor> wrongShape = new LinkedHashMap<>(before);
        wrongShape.put("exp_avg/conv.bias", Tensor.zeros(5));
        m = assertThrows(Snn4jException.class, () -> adam.loadState(wrongShape)).getMessage();
        assertTrue(m.contains("'exp_avg/conv.bias' shape expected [4], was [5]"), m);

        Map<String, Tensor> badStep = new LinkedHashMap<>(before);
        badStep.put("step", new Tensor(new float[] {2.5f}, 1));
        assertThrows(Snn4jException.class, () -> adam.loadState(badStep));

        Map<String, Tensor> zeroed = new LinkedHashMap<>();
        before.forEach((k, v) -> zeroed.put(k, Tensor.zeros(v.shape())));
        zeroed.put("exp_avg/fc.weight", Tensor.zeros(3)); // one bad entry: nothing may be applied
        assertThrows(Snn4jException.class, () -> adam.loadState(zeroed));
        Map<String, Tensor> after = adam.state();
        for (String k : before.keySet()) assertArrayEquals(before.get(k).data(), after.get(k).data(), k);
    }
}
