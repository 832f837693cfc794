/** Training (spike-based BPTT) and evaluation loops, checkpoints and progress. */
package org.snn4j.train;
