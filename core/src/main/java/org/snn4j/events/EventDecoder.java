package org.snn4j.events;

/**
 * Decodes an event file format from bytes given in chunks of any size, as they arrive from a file, a
 * pipe or a socket: a chunk may end anywhere, inside a header, a packet or an event, and the decoder keeps
 * the incomplete part until the next chunk completes it. The whole-file readers are this decoder fed the
 * whole file at once, so a file and a stream of the same bytes give the same events and the same errors.
 *
 * <p>Errors are one-line {@link org.snn4j.Snn4jException}s naming the source, the byte offset in the
 * stream, what was expected and what was found; after one, the decoder must not be fed again.
 */
public interface EventDecoder {
    /**
     * Decodes every complete record of {@code bytes[offset, offset + length)} after what was fed before.
     *
     * @param bytes read only; the decoder keeps what it needs of an incomplete record
     */
    void feed(byte[] bytes, int offset, int length);

    /**
     * The events decoded since the last call, in time order, on the sensor the format names; null while
     * the header that names the sensor is incomplete. The events are taken: the next call returns only
     * events decoded after this one.
     */
    Events take();

    /**
     * The input has ended: checks that it did not end inside a header, packet or event.
     *
     * @throws org.snn4j.Snn4jException naming the incomplete part
     */
    void finish();
}
