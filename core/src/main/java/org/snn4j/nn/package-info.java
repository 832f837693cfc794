/**
 * Layers over whole sequences {@code [T, N, ...]} with explicit forward and backward
 * ({@link org.snn4j.nn.Layer}, {@link org.snn4j.nn.Pass}), and what every layer of a pass shares: the small
 * run context ({@link org.snn4j.nn.ForwardContext}: training or not, T, the random stream, the workspace)
 * and the kinds of {@link org.snn4j.nn.RunListener} the layers tell what happens (spikes, synapses,
 * bursts, activations) or that steer them (threshold and bias tuners, spike-dependent loss terms), or
 * whose state a pass continues ({@link org.snn4j.nn.LayerState}, a stream's membranes between calls).
 * Composites ({@link org.snn4j.nn.Composite}) run their children through a {@link org.snn4j.nn.ChildRunner},
 * which is how {@code org.snn4j.engine.Executor} runs a model by its plan; weighted layers take the kernel
 * that computes their output ({@link org.snn4j.nn.ForwardKernel}). Nothing here calls into a higher
 * package. May import tensor and kernels only.
 */
package org.snn4j.nn;
