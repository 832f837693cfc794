/**
 * The executor that owns every run of a model ({@link org.snn4j.engine.Executor}): it compiles a model into
 * a {@link org.snn4j.engine.Plan} (each layer's own forward, composites run by the plan, in the event modes
 * weighted layers that may run from their inputs' events with {@link org.snn4j.kernels.EventKernels}, and
 * fused blocks of a convolution, its neurons and a pooling layer run one sample at a time) and runs
 * training steps, evaluations, conversion passes and benchmarks, deciding per layer and batch between the
 * event and the dense kernel above a measured density crossover ("auto"); and the streaming
 * {@link org.snn4j.engine.Session}, which runs a model a few steps at a time for a batch of streams, keeping
 * their state between calls. Imports model, metrics (the spike records a session reports), neuron, nn,
 * kernels and tensor; used by train, convert, plot and cli.
 */
package org.snn4j.engine;
