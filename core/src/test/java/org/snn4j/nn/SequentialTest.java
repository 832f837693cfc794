package org.snn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class SequentialTest {
    private static Sequential mlp() {
        return mlp(new GuardedReLU("relu1"));
    }

    private static Sequential mlp(GuardedReLU relu) {
        Rng init = new Rng(7);
        return new Sequential("net",
                new Flatten("flat"),
                new Linear("fc1", 8, 6, true, init),
                new BatchNorm("bn1", 6, 0.1, 1e-5),
                relu,
                new Dropout("drop1", 0.25),
                new Linear("fc2", 6, 3, false, init));
    }

    @Test
    void gradientsThroughSeveralLayers() {
        GuardedReLU relu = new GuardedReLU("relu1");
        Sequential net = mlp(relu);
        Supplier<ForwardContext> ctx = () -> ForwardContext.training(new Rng(5));
        Tensor x = GuardedReLU.inputAwayFromKinks(net, List.of(relu), 0.05, ctx, 2, 3, 2, 2, 2);
        GradientCheck.standard().check(net, x, ctx);
    }

    @Test
    void parametersBuffersAndChildrenInChainOrder() {
        Sequential net = mlp();
        assertEquals(List.of("fc1.weight", "fc1.bias", "bn1.weight", "bn1.bias", "fc2.weight"),
                net.parameters().stream().map(Parameter::name).toList());
        assertEquals(List.of("bn1.running_mean", "bn1.running_var"), net.buffers().stream().map(Parameter::name).toList());
        assertEquals(List.of("flat", "fc1", "bn1", "relu1", "drop1", "fc2"), net.children().stream().map(Layer::name).toList());
        assertArrayEquals(new int[] {3}, net.outputShape(new int[] {2, 2, 2}));
    }

    @Test
    void shapeMismatchReportedByTheRefusingChildBeforeAnyWork() {
        Sequential net = mlp();
        ShapeException e = assertThrows(ShapeException.class,
                () -> net.forward(Tensor.zeros(1, 2, 3, 3), ForwardContext.training(new Rng(1))));
        assertEquals("fc1: input features expected 8, was 9", e.getMessage());
        assertEquals("fc1", e.layer());
        assertArrayEquals(new float[6], ((BatchNorm) net.get(2)).runningMean().value().data(), "BN untouched");
    }

    @Test
    void nonFiniteOutputNamesTheChild() {
        Linear fc1 = new Linear("fc1", 3, 3, true, new Rng(1));
        Linear fc2 = new Linear("fc2", 3, 2, true, new Rng(2));
        fc2.bias().value().data()[1] = Float.NaN;
        Sequential net = new Sequential("net", fc1, new ReLU("relu"), fc2);
        NumericalException e = assertThrows(NumericalException.class,
                () -> net.forward(LinearTest.random(3, 1, 2, 3), ForwardContext.evaluation()));
        assertEquals("fc2", e.layer());
        assertTrue(e.getMessage().contains("output"), e.getMessage());
    }

    @Test
    void aChildsOwnChecksGiveWayToTheSequentialsSingleScan() {
        Conv2d conv = new Conv2d("conv1", 1, 1, 1, 1, 0, false, new Rng(1));
        Sequential net = new Sequential("net", conv);
        Tensor x = Tensor.full(1f, 1, 1, 1, 2, 2);
        x.data()[3] = Float.NaN;
        NumericalException e = assertThrows(NumericalException.class, () -> net.forward(x, ForwardContext.evaluation()));
        // the Sequential's wording ("output"), not Conv2d's own ("forward output"): the conv skipped its scan
        assertEquals("conv1: non-finite value NaN at element 3 of the output", e.getMessage());
        NumericalException alone = assertThrows(NumericalException.class, () -> conv.forward(x, ForwardContext.evaluation()));
        assertTrue(alone.getMessage().endsWith("forward output"), alone.getMessage());
    }

    @Test
    void nonFiniteInputGradientNamesTheChild() {
        Sequential net = new Sequential("net", new ReLU("relu"), new Probe("bad", Float.POSITIVE_INFINITY, new ArrayList<>()));
        Pass pass = net.forward(LinearTest.random(1, 1, 2, 3), ForwardContext.evaluationWithBackward());
        NumericalException e = assertThrows(NumericalException.class, () -> pass.backward(Tensor.zeros(1, 2, 3), true));
        assertEquals("bad", e.layer());
        assertTrue(e.getMessage().contains("input gradient"), e.getMessage());
    }

    @Test
    void onlyTheFirstChildMaySkipItsInputGradient() {
        List<String> calls = new ArrayList<>();
        Sequential net = new Sequential("net", new Probe("a", 0f, calls), new Probe("b", 0f, calls), new Probe("c", 0f, calls));
        Pass pass = net.forward(Tensor.zeros(1, 1, 2), ForwardContext.evaluationWithBackward());
        assertNull(pass.backward(Tensor.zeros(1, 1, 2), false));
        assertEquals(List.of("c:true", "b:true", "a:false"), calls);
        calls.clear();
        assertArrayEquals(new int[] {1, 1, 2}, pass.backward(Tensor.zeros(1, 1, 2), true).shape());
        assertEquals(List.of("c:true", "b:true", "a:true"), calls);
    }

    /** Identity forward; backward records the needInputGrad flag and fills the input gradient with a value. */
    private record Probe(String name, float gradValue, List<String> calls) implements Layer {
        @Override
        public int[] outputShape(int[] inputShape) {
            return inputShape.clone();
        }

        @Override
        public Pass forward(Tensor input, ForwardContext ctx) {
            return new Pass() {
                @Override
                public Tensor output() {
                    return input;
                }

                @Override
                public Tensor backward(Tensor gradOutput, boolean needInputGrad) {
                    calls.add(name + ":" + needInputGrad);
                    return needInputGrad ? Tensor.full(gradValue, input.shape()) : null;
                }
            };
        }
    }
}
