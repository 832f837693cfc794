package org.snn4j.engine;

/**
 * What an {@link Executor} did with one conv or linear layer over the batches it ran: how often
 * it took the event kernels or the dense one, the inputs' density, and the synaptic operations the event
 * kernels performed (each event's weight row added to each output it reaches); for a convolution in
 * training, how often its weight gradient was summed over events or by the GEMM, and its input gradient; and the crossovers
 * "auto" measured for both choices.
 */
public final class LayerActivity {
    private long eventCalls, denseCalls, fusedCalls, samples, eventSamples, synapticOps;
    private final BackwardCalls weightGradient = new BackwardCalls(), inputGradient = new BackwardCalls();
    private double densitySum;
    private double crossover = Double.NaN, gradientCrossover = Double.NaN;

    void measuredCrossover(double density) {
        crossover = density;
    }

    /** The crossover density of the forward that "auto" measured for this layer, NaN until it has (or in other modes). */
    public double measuredCrossover() {
        return crossover;
    }

    void measuredGradientCrossover(double density) {
        gradientCrossover = density;
    }

    /** The crossover density of the weight gradient that "auto" measured for this convolution, NaN until it has (or in other modes). */
    public double measuredGradientCrossover() {
        return gradientCrossover;
    }

    /** A convolution's weight gradient in training: by events (summed over the input's events) or by the GEMM. */
    public BackwardCalls weightGradient() {
        return weightGradient;
    }

    /** A convolution's input gradient in training: by events (summed over the output gradient's events) or by the GEMM path. */
    public BackwardCalls inputGradient() {
        return inputGradient;
    }

    void record(boolean byEvents, double density, int batch, long ops) {
        if (byEvents) {
            eventCalls++;
            eventSamples += batch;
            synapticOps += ops;
        } else {
            denseCalls++;
        }
        samples += batch;
        densitySum += density * batch;
    }

    /** An event-driven call that ran as a {@link FusedBlock} with the layers after it. */
    void recordFused(double density, int batch, long ops) {
        fusedCalls++;
        record(true, density, batch, ops);
    }

    /** Forward calls seen. */
    public long calls() {
        return eventCalls + denseCalls;
    }

    /** Forward calls run by the event kernels. */
    public long eventCalls() {
        return eventCalls;
    }

    /** Of the {@link #eventCalls}, those run fused with the spiking (and pooling) layer after it. */
    public long fusedCalls() {
        return fusedCalls;
    }

    /** Forward calls run by the dense kernel. */
    public long denseCalls() {
        return denseCalls;
    }

    /** Mean fraction of non-zero inputs (sampled per batch), weighted by batch size. */
    public double meanDensity() {
        return samples == 0 ? 0 : densitySum / samples;
    }

    /** Synaptic operations of the event kernels per sample they ran (0 when they never ran). */
    public double synapticOpsPerSample() {
        return eventSamples == 0 ? 0 : (double) synapticOps / eventSamples;
    }
}
