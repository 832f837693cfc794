/**
 * Inference engines: the dense engine (every layer's own kernels) and the event-driven engine, which
 * runs conv and linear layers fed by spikes from their inputs' events ({@link org.snn4j.kernels.EventKernels}),
 * per layer and batch switching to the dense kernel above a measured density crossover ("auto").
 * Imports model, nn, kernels and tensor; used by train (evaluation) and cli.
 */
package org.snn4j.engine;
