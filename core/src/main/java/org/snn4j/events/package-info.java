/**
 * Address events from neuromorphic sensors (event cameras, spike-encoded audio): {@link
 * org.snn4j.events.Events}, an immutable time-ordered recording, and {@link
 * org.snn4j.events.EventsBuilder}, through which readers and emulators produce one. Readers of the file
 * formats live in the snn4j-data module; transforms, binning into frames and the engine's event input
 * build on these types.
 */
package org.snn4j.events;
