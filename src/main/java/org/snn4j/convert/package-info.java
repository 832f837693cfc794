/**
 * ANN-to-SNN conversion: batch-norm folding ({@link org.snn4j.convert.BatchNormFolding}), activation
 * statistics on a calibration set ({@link org.snn4j.convert.ActivationStatistics}), and the converter
 * that sets every spiking layer's threshold and spike amplitude from them, or from the upper bounds a
 * clip or QCFS ANN trained ({@link org.snn4j.convert.Converter}).
 */
package org.snn4j.convert;
