/**
 * All speed of snn4j: GEMM, convolution, pooling, fused neuron loops, reductions. The only package
 * that uses the Vector API ({@code jdk.incubator.vector}) and threads ({@link org.snn4j.kernels.Parallel},
 * {@link org.snn4j.kernels.ComputePool}).
 * Knows nothing about layers. Public facades check their arguments; implementations trust them.
 */
package org.snn4j.kernels;
