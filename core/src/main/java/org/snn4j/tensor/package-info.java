/**
 * Tensors (dense float32, row-major) and seedable random streams. Imports nothing of the project.
 */
package org.snn4j.tensor;
