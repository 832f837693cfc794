package org.snn4j.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snn4j.data.Dataset;
import org.snn4j.nn.Conv2d;
import org.snn4j.tensor.Rng;

/** STDP pre-training of gradient-trained convolutions: the kernels STDP learns, centred and at the initial scale. */
class ConvStdpPretrainingTest {
    @Test
    void transferCentresEachKernelAndKeepsTheInitialStandardDeviation() {
        // two maps of 2 weights: (1, 0) and (0.5, 0.5); initial weights (3, -1, 1, -3): std sqrt(5)
        float[] weights = {3, -1, 1, -3};
        ConvStdpPretraining.transfer(new float[] {1, 0, 0.5f, 0.5f}, 2, weights);
        // centred (0.5, -0.5, 0, 0): std sqrt(0.125); scaled by sqrt(5 / 0.125) = sqrt(40)
        double s = Math.sqrt(40);
        assertArrayEquals(new float[] {(float) (0.5 * s), (float) (-0.5 * s), 0, 0}, weights, 1e-5f);
        assertEquals(Math.sqrt(5), ConvStdpPretraining.std(weights), 1e-5);
        float[] constant = {3, -1, 1, -3};
        ConvStdpPretraining.transfer(new float[] {0.7f, 0.7f, 0.2f, 0.2f}, 2, constant);
        assertArrayEquals(new float[] {3, -1, 1, -3}, constant, 0f); // nothing learned to transfer: unchanged
    }

    @Test
    void eachConvolutionGetsTheKernelsItsStdpLayerLearned() {
        Dataset bars = bars(200);
        Conv2d c1 = new Conv2d("c1", 1, 4, 3, 1, 1, false, new Rng(1));
        Conv2d c2 = new Conv2d("c2", 4, 3, 3, 1, 1, false, new Rng(2));
        double std1 = ConvStdpPretraining.std(c1.weight().value().data());
        double std2 = ConvStdpPretraining.std(c2.weight().value().data());
        float[] before = c1.weight().value().data().clone();
        List<ConvStdpPretraining.Layer> done = ConvStdpPretraining.apply(List.of(c1, c2), new int[] {1, 1}, bars, 100, 9);
        assertEquals(2, done.size());
        assertEquals("c1", done.get(0).name());
        assertEquals(3.6f, done.get(0).threshold(), 1e-6f);
        assertEquals(100, done.get(0).samples());
        assertTrue(done.get(0).winners() > 0, "the first layer fired on the bars");
        float[] w = c1.weight().value().data();
        assertTrue(!java.util.Arrays.equals(before, w), "kernels replaced");
        assertEquals(std1, ConvStdpPretraining.std(w), 1e-4 * std1);
        for (int m = 0; m < 4; m++) {
            double mean = 0;
            for (int k = 0; k < 9; k++) mean += w[m * 9 + k];
            assertEquals(0, mean / 9, 1e-5, "map " + m + " centred");
        }
        assertEquals(std2, ConvStdpPretraining.std(c2.weight().value().data()), 1e-4 * std2);
    }

    @Test
    void aNetworkThatIsNotAChainOfConvolutionsIsRefused() {
        Dataset bars = bars(10);
        Conv2d c1 = new Conv2d("c1", 1, 4, 3, 1, 1, false, new Rng(1));
        Conv2d wrong = new Conv2d("c2", 5, 3, 3, 1, 1, false, new Rng(2));
        assertEquals("c2 takes 5 channels, the convolution before gives 4: STDP pre-training needs a plain chain of convolutions",
                assertThrows(IllegalArgumentException.class, () -> ConvStdpPretraining.apply(List.of(c1, wrong), new int[] {1, 1}, bars, 5, 1))
                        .getMessage());
        Conv2d strided = new Conv2d("s", 1, 4, 3, 2, 1, false, new Rng(1));
        assertThrows(IllegalArgumentException.class, () -> ConvStdpPretraining.apply(List.of(strided), new int[] {1}, bars, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> ConvStdpPretraining.apply(List.of(), new int[0], bars, 5, 1));
    }

    /** 8×8 images, a vertical bar two pixels wide of full intensity at a random place (6 pixels of a 3×3 window: 4.8 &gt; 3.6). */
    private static Dataset bars(int n) {
        float[] px = new float[n * 64];
        Rng rng = new Rng(3);
        for (int i = 0; i < n; i++) {
            int x = 1 + rng.nextInt(5);
            for (int y = 0; y < 8; y++) px[i * 64 + y * 8 + x] = px[i * 64 + y * 8 + x + 1] = 1f;
        }
        return Dataset.ofFloats("bars", px, new int[n], 1, 1, 8, 8);
    }
}
