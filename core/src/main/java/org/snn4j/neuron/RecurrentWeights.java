package org.snn4j.neuron;

import org.snn4j.kernels.Gemm;
import org.snn4j.nn.Parameter;

/**
 * The recurrent connection of a {@link RecurrentNeuronLayer} on time-major arrays {@code [T, N·H]}: C[t] += W·S[t−1]
 * per sample, its transpose for ∂L/∂S[t−1], and the weight gradient Σ_t ∂L/∂C[t]·S[t−1]ᵀ.
 */
final class RecurrentWeights {
    private final Recurrence kind;
    private final Parameter weight;
    private final int features;

    RecurrentWeights(Recurrence kind, Parameter weight, int features) {
        this.kind = kind;
        this.weight = weight;
        this.features = features;
    }

    /** {@code current[cOff, cOff + n·H) += W · spikes[sOff, sOff + n·H)} per sample. */
    void addCurrent(float[] spikes, int sOff, float[] current, int cOff, int samples) {
        float[] w = weight.value().data();
        int h = features;
        if (kind == Recurrence.DENSE) {
            Gemm.sgemm(false, true, samples, h, h, 1f, spikes, sOff, h, w, 0, h, 1f, current, cOff, h);
        } else {
            for (int n = 0; n < samples; n++) {
                for (int k = 0, i = n * h; k < h; k++, i++) current[cOff + i] += w[k] * spikes[sOff + i];
            }
        }
    }

    /** {@code gradSpikes[sOff, ...) += Wᵀ · gradCurrent[cOff, ...)} per sample (∂L/∂S[t−1] from ∂L/∂C[t]). */
    void addSpikeGradient(float[] gradCurrent, int cOff, float[] gradSpikes, int sOff, int samples) {
        float[] w = weight.value().data();
        int h = features;
        if (kind == Recurrence.DENSE) {
            Gemm.sgemm(false, false, samples, h, h, 1f, gradCurrent, cOff, h, w, 0, h, 1f, gradSpikes, sOff, h);
        } else {
            for (int n = 0; n < samples; n++) {
                for (int k = 0, i = n * h; k < h; k++, i++) gradSpikes[sOff + i] += w[k] * gradCurrent[cOff + i];
            }
        }
    }

    /**
     * Adds Σ ∂L/∂C[t]·S[t−1]ᵀ over {@code rows} sample-steps into the weight gradient: {@code gradCurrent} from
     * {@code cOff} and the spikes one step earlier from {@code sOff}, each {@code rows × H}.
     */
    void addWeightGradient(float[] gradCurrent, int cOff, float[] spikes, int sOff, int rows) {
        if (rows == 0) return;
        float[] g = weight.grad().data();
        int h = features;
        if (kind == Recurrence.DENSE) {
            Gemm.sgemm(true, false, h, h, rows, 1f, gradCurrent, cOff, h, spikes, sOff, h, 1f, g, 0, h);
        } else {
            for (int k = 0; k < h; k++) {
                float sum = 0f;
                for (int r = 0, i = k; r < rows; r++, i += h) sum += gradCurrent[cOff + i] * spikes[sOff + i];
                g[k] += sum;
            }
        }
    }
}
