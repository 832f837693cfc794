/**
 * Training (spike-based BPTT through {@link org.snn4j.engine.Executor}) and evaluation loops, the spike
 * penalty as a listener of each training pass, checkpoints and progress; configured by a typed
 * {@link org.snn4j.train.TrainConfig} built with defaults.
 */
package org.snn4j.train;
