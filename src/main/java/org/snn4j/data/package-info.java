/**
 * Data sets: in-memory labelled images ({@link org.snn4j.data.Dataset}), strict readers for the IDX
 * (MNIST family), CIFAR-10/100 binary and SVHN MAT v5 formats, the bundled MNIST-10k set, batch
 * transforms and the prefetching {@link org.snn4j.data.DataLoader}. Imports only {@code tensor} (and the
 * root {@link org.snn4j.Snn4jException}); its single background thread is the loader's prefetcher.
 */
package org.snn4j.data;
