/**
 * Data sets on disk and in the jar (module snn4j-data): strict readers for the IDX (MNIST family),
 * CIFAR-10/100 binary and SVHN MAT v5 formats, each checked before it is trusted, and the bundled
 * MNIST-10k digits (CC BY-SA 3.0, see this module's NOTICE). {@link org.snn4j.datasets.Datasets} finds
 * a set by name; every reader returns a core {@link org.snn4j.data.Dataset}.
 */
package org.snn4j.datasets;
