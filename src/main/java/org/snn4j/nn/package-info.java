/**
 * Layers over whole sequences {@code [T, N, ...]} with explicit forward and backward
 * ({@link org.snn4j.nn.Layer}, {@link org.snn4j.nn.Pass}). May import tensor and kernels only.
 */
package org.snn4j.nn;
