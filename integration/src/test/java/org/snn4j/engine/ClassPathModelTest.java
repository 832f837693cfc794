package org.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.encode.DirectEncoder;
import org.snn4j.loss.Accuracy;
import org.snn4j.model.ModelFile;
import org.snn4j.model.ModelSpec;
import org.snn4j.nn.ForwardContext;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

/**
 * A model shipped inside a jar: {@code tiny-digits.snn4j} (test resources, beside this class) is read from
 * the class path as a stream and classifies the bundled test digits through {@code Executor.dense}. It was
 * written by {@code ./snn4j train --model src/test/resources/org/snn4j/engine/tiny-digits.json --epochs 2
 * --T 4 --seed 1 --threads 1 --out src/test/resources/org/snn4j/engine/tiny-digits.snn4j} (its spec
 * beside it).
 */
class ClassPathModelTest {
    @Test
    void aModelOnTheClassPathClassifiesTheBundledDigits() throws IOException {
        ModelFile saved;
        try (InputStream in = ClassPathModelTest.class.getResourceAsStream("tiny-digits.snn4j")) {
            saved = ModelFile.read(in, "tiny-digits.snn4j");
        }
        try (InputStream spec = ClassPathModelTest.class.getResourceAsStream("tiny-digits.json")) {
            assertEquals(ModelSpec.parse(new String(spec.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "tiny-digits.json"),
                    saved.model().spec());
        }
        int steps = saved.steps(8);
        assertEquals(4, steps);
        assertEquals("direct", saved.encoder());

        Dataset test = Datasets.loadBundled(false);
        Executor executor = Executor.dense(saved.model());
        int correct = 0;
        int batch = 256;
        for (int from = 0; from < test.size(); from += batch) {
            int[] indices = java.util.stream.IntStream.range(from, Math.min(from + batch, test.size())).toArray();
            Tensor input = new DirectEncoder().encodeCompact(test.images(indices), steps, new Rng(1));
            Tensor readout = executor.infer(input, ForwardContext.evaluation().withSteps(steps));
            assertArrayEquals(new int[] {1, indices.length, 10}, readout.shape());
            int[] labels = java.util.Arrays.stream(indices).map(test::label).toArray();
            correct += Accuracy.correct(readout, labels);
        }
        assertEquals(CORRECT_WHEN_WRITTEN, correct, "digits classified correctly of " + test.size());
    }

    /** The test accuracy {@code train} printed when it wrote the file: 0.7939 (1,591 of 2,004 digits). */
    private static final int CORRECT_WHEN_WRITTEN = 1591;
}
