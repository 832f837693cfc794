package org.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snn4j.datasets.Datasets;
import org.snn4j.encode.Encoders;
import org.snn4j.kernels.ComputePool;
import org.snn4j.kernels.Parallel;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.Presets;
import org.snn4j.nn.ActivationObserver;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Parameter;
import org.snn4j.nn.Pass;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * Executors with their own compute threads ({@link Executor#withPool}) on W1 and bundled digits: two
 * executors of one model, with one and two threads, run at once in two threads and each gives bit for
 * bit what it gives alone; a pooled pass's backward gives the gradients of the shared pool at the same
 * thread count.
 */
class ExecutorPoolTest {
    private static Model w1;
    private static Tensor input;
    private final int savedThreads = Parallel.threads();

    @BeforeAll
    static void modelAndDigits() {
        w1 = ModelBuilder.build(Presets.byName("w1", new int[] {1, 28, 28}, 10, new Presets.Options(false, 0, 1.0)),
                ModelBuilder.Mode.SNN, 5);
        Tensor images = Datasets.loadBundled(false).images(0, 1, 2, 3, 4, 5, 6, 7);
        input = Encoders.byName("direct", 1.0).encodeCompact(images, 4, new Rng(3));
    }

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    /** Every spiking layer's spikes, then the readout, of one inference pass. */
    private static List<float[]> infer(Executor executor) {
        Map<String, float[]> spikes = new LinkedHashMap<>();
        Map<String, ?> spiking = executor.model().neuronLayers();
        ForwardContext ctx = ForwardContext.evaluation().withSteps(4).with((ActivationObserver) (layer, in, out) -> {
            if (spiking.containsKey(layer)) spikes.put(layer, out.data().clone());
        });
        List<float[]> out = new ArrayList<>(spikes.size() + 1);
        float[] readout = executor.infer(input, ctx).data().clone();
        out.addAll(spikes.values());
        out.add(readout);
        return out;
    }

    private static void assertSameBits(List<float[]> expected, List<float[]> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.get(i), actual.get(i), 0f, what + " #" + i);
    }

    @Test
    void twoExecutorsOfOneModelRunAtOnceInTwoThreadsEachWithItsOwnThreadsAndGiveWhatTheyGiveAlone() throws Exception {
        Parallel.setThreads(2);
        try (ComputePool one = ComputePool.of(1); ComputePool two = ComputePool.of(2)) {
            Executor single = new Executor(w1, EngineMode.DENSE).withPool(one);
            Executor pair = new Executor(w1, EngineMode.DENSE).withPool(two);
            List<float[]> singleAlone = infer(single), pairAlone = infer(pair);
            for (int round = 0; round < 4; round++) {
                var a = CompletableFuture.supplyAsync(() -> infer(single), r -> Thread.ofPlatform().start(r));
                var b = CompletableFuture.supplyAsync(() -> infer(pair), r -> Thread.ofPlatform().start(r));
                assertSameBits(singleAlone, a.get(), "1 thread, round " + round);
                assertSameBits(pairAlone, b.get(), "2 threads, round " + round);
            }
            // a forward pass gives the same bits at any thread count (Parallel's Javadoc)
            assertSameBits(singleAlone, pairAlone, "1 against 2 threads");
        }
    }

    /** The parameter gradients of the training pass {@code how} runs. */
    private static Map<String, float[]> gradients(Callable<Pass> how) throws Exception {
        for (Parameter p : w1.parameters()) p.zeroGrad();
        Pass pass = how.call();
        Tensor grad = Tensor.zeros(pass.output().shape());
        for (int i = 0; i < grad.data().length; i++) grad.data()[i] = (i % 7 - 3) * 0.25f;
        pass.backward(grad, false);
        Map<String, float[]> grads = new LinkedHashMap<>();
        for (Parameter p : w1.parameters()) grads.put(p.name(), p.grad().data().clone());
        return grads;
    }

    private static Pass trainingPass(Executor executor) {
        return executor.forward(input, ForwardContext.training(new Rng(11)).withSteps(4));
    }

    @Test
    void aPooledPassRunsItsBackwardInThePoolAndGivesTheSharedPoolsGradientsAtTheSameCount() throws Exception {
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            Executor shared = Executor.dense(w1);
            Map<String, float[]> expected = gradients(() -> trainingPass(shared));
            Parallel.setThreads(threads == 1 ? 2 : 1);                 // the shared pool now has the other count
            try (ComputePool pool = ComputePool.of(threads)) {
                Executor pooled = Executor.dense(w1).withPool(pool);
                assertSame(pool, pooled.pool());
                Map<String, float[]> actual = gradients(() -> trainingPass(pooled));
                expected.forEach((name, g) -> assertArrayEquals(g, actual.get(name), 0f, threads + " threads: " + name));
            }
        }
        assertNull(Executor.dense(w1).pool());
    }
}
