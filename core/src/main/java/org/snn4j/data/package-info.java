/**
 * Data in memory: labelled images ({@link org.snn4j.data.Dataset}), batch transforms and the
 * prefetching {@link org.snn4j.data.DataLoader} that training and evaluation read from. Readers of files
 * (IDX, CIFAR, SVHN) and the bundled digits are in the snn4j-data module ({@code org.snn4j.datasets}).
 * Imports only {@code tensor} (and the root {@link org.snn4j.Snn4jException}); its single background
 * thread is the loader's prefetcher.
 */
package org.snn4j.data;
