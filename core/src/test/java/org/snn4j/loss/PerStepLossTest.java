package org.snn4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.snn4j.Snn4jException;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class PerStepLossTest {
    @Test
    void isTheMeanOfTheStepsLosses() {
        Tensor out = Tensor.zeros(3, 2, 4);
        new Rng(2).fillUniform(out.data(), -2f, 2f);
        int[] labels = {1, 3, 0, 3, 2, 2};   // time-major: step t, sample n at t·2 + n
        Loss.Result all = new PerStepLoss(new SoftmaxCrossEntropy()).evaluate(out, labels, new Rng(0));
        double sum = 0;
        for (int t = 0; t < 3; t++) {
            Tensor step = new Tensor(java.util.Arrays.copyOfRange(out.data(), t * 8, t * 8 + 8), 2, 4);
            Loss.Result r = new SoftmaxCrossEntropy().evaluate(step, new int[] {labels[2 * t], labels[2 * t + 1]}, new Rng(0));
            sum += r.value();
            for (int i = 0; i < 8; i++) assertEquals(r.gradient().data()[i] / 3, all.gradient().data()[t * 8 + i], 1e-6);
        }
        assertEquals(sum / 3, all.value(), 1e-9);
        assertArrayEquals(out.shape(), all.gradient().shape());
    }

    @Test
    void oneLabelPerSampleServesEveryStep() {
        Tensor out = Tensor.zeros(2, 2, 3);
        new Rng(3).fillUniform(out.data(), -1f, 1f);
        PerStepLoss loss = new PerStepLoss(new SoftmaxCrossEntropy());
        assertEquals(loss.evaluate(out, new int[] {2, 0, 2, 0}, new Rng(0)).value(),
                loss.evaluate(out, new int[] {2, 0}, new Rng(0)).value(), 0);
        assertThrows(Snn4jException.class, () -> loss.evaluate(out, new int[] {1, 1, 1}, new Rng(0)));
    }
}
