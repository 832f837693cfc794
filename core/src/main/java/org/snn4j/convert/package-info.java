/**
 * ANN-to-SNN conversion: batch-norm folding ({@link org.snn4j.convert.BatchNormFolding}), activation
 * statistics on a calibration set ({@link org.snn4j.convert.ActivationStatistics}), and the converter
 * that sets every spiking layer's threshold and spike amplitude from them, or from the upper bounds a
 * clip or QCFS ANN trained ({@link org.snn4j.convert.Converter}); per-T threshold tuning, Spike-Norm and
 * bias calibration as tuners of an SNN pass, the quantization/deviation error split as an observer; and
 * the method × T sweep that {@code snn4j convert} runs ({@link org.snn4j.convert.ConversionSweep}).
 * Imports train (its evaluator), engine, model, loss, encode, data, neuron, nn, kernels and tensor.
 */
package org.snn4j.convert;
