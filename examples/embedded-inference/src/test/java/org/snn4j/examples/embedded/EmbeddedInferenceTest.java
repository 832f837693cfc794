package org.snn4j.examples.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snn4j.data.Dataset;
import org.snn4j.encode.EncoderSpec;
import org.snn4j.engine.Executor;
import org.snn4j.kernels.ComputePool;
import org.snn4j.loss.Accuracy;
import org.snn4j.loss.Losses;
import org.snn4j.model.ModelFile;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Tensor;
import org.snn4j.train.Evaluator;

/**
 * The example streams the shipped digits one step at a time and must classify every one of them as one
 * pass over the whole sequence does: the same class per digit as {@link Executor} over the same input
 * sequences, and the accuracy {@link Evaluator} reports for the same digits.
 */
class EmbeddedInferenceTest {
    private static ModelFile saved;
    private static Dataset digits;

    @BeforeAll
    static void load() {
        saved = EmbeddedInference.loadModel();
        digits = Digits.load();
    }

    @Test
    void theShippedDigitsAreTheFirst500TestDigitsWithTheirLabels() {
        assertEquals(500, digits.size());
        assertArrayEquals(new int[] {1, 28, 28}, digits.sampleShape());
        assertArrayEquals(new int[] {49, 52, 49, 54, 45, 48, 62, 47, 46, 48}, digits.classCounts());
    }

    @Test
    void streamedDigitsGetTheClassesOfWholeSequencePasses() {
        int streams = 16;
        EmbeddedInference.Result streamed;
        try (ComputePool pool = ComputePool.of(1)) {
            streamed = EmbeddedInference.classify(saved, digits, streams, pool);
        }
        int steps = saved.steps(1);
        assertEquals(steps * ((digits.size() + streams - 1) / streams), streamed.stepNanos().length);

        // The whole sequence of every group of digits in one pass, on the inputs the example fed.
        Executor executor = Executor.dense(saved.model());
        int[] whole = new int[digits.size()];
        for (int first = 0; first < digits.size(); first += streams) {
            Tensor input = EmbeddedInference.encode(saved, digits, first, streams, first / streams);
            int[] predicted = Accuracy.predictions(executor.infer(input, ForwardContext.evaluation().withSteps(steps)));
            System.arraycopy(predicted, 0, whole, first, Math.min(streams, digits.size() - first));
        }
        assertArrayEquals(whole, streamed.predictions());

        // The library's own evaluation of the same digits (direct input: the same sequences in any batch).
        assertEquals("direct", saved.encoder());
        double evaluated = Evaluator.run(saved.model(), digits, steps, EncoderSpec.direct().create(), Losses.byName("ce"), 64, 1)
                .accuracy();
        assertEquals(evaluated, streamed.accuracy());
        assertTrue(streamed.accuracy() > 0.8, "a trained model: accuracy " + streamed.accuracy());
    }

    @Test
    void theClassesDoNotDependOnTheNumberOfStreamsOrThreads() {
        int[] one;
        int[] many;
        try (ComputePool single = ComputePool.of(1); ComputePool two = ComputePool.of(2)) {
            one = EmbeddedInference.classify(saved, digits, 1, single).predictions();
            many = EmbeddedInference.classify(saved, digits, 7, two).predictions();
        }
        assertArrayEquals(one, many);
        assertEquals(digits.size(), Arrays.stream(one).filter(c -> c >= 0 && c < 10).count());
    }
}
