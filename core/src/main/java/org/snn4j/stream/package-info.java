/**
 * Running a model on live event streams: an {@link org.snn4j.stream.EventSource} (a decoder over a file, a
 * pipe or standard input, or a recording in memory), a {@link org.snn4j.stream.WindowPolicy} (fixed
 * duration or fixed event count), and {@link org.snn4j.stream.EventStream}, which bins each window into one
 * frame and steps an {@link org.snn4j.engine.Session}, reporting each window's
 * {@link org.snn4j.stream.StreamWindow} to a {@link org.snn4j.stream.WindowListener} and the totals as a
 * {@link org.snn4j.stream.StreamSummary}. Imports engine, model, metrics, events and tensor; used by cli
 * and bench (docs/STREAMING.md).
 */
package org.snn4j.stream;
