package org.snn4j.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.snn4j.nn.LayerState;

/**
 * The state of a {@link Session}'s streams between its passes: one array per key a layer asks for
 * ({@link LayerState#state}), each stream's block set to the layer's initial state when the stream starts
 * afresh (on its first pass, and on the first pass after {@link #reset(int)}). Also the explicit state a
 * truncated-BPTT run carries from one window of a sequence to the next ({@code train.TruncatedBptt}).
 */
public final class StreamStates implements LayerState {
    /** One key's array and which streams start afresh on its next hand-out. */
    private record Entry(float[] values, boolean[] fresh) {}

    private final int streams;
    private final int horizon;
    private final Map<String, Entry> entries = new HashMap<>();

    /** State for {@code streams} streams of an open-ended sequence (horizon {@link Integer#MAX_VALUE}). */
    public StreamStates(int streams) {
        this(streams, Integer.MAX_VALUE);
    }

    /** State for {@code streams} streams standing for sequences of {@code horizon} steps ({@link #horizon}). */
    public StreamStates(int streams, int horizon) {
        this.streams = streams;
        this.horizon = horizon;
    }

    @Override
    public float[] state(String key, int streams, float[] initial) {
        if (streams != this.streams) {
            throw new IllegalStateException(key + ": a pass of " + streams + " streams on state for " + this.streams);
        }
        int block = initial.length;
        Entry entry = entries.computeIfAbsent(key, k -> {
            boolean[] fresh = new boolean[streams];
            Arrays.fill(fresh, true);
            return new Entry(new float[Math.multiplyExact(streams, block)], fresh);
        });
        if (entry.values().length != streams * block) {
            throw new IllegalStateException(key + ": " + block + " values per stream asked for state of "
                    + entry.values().length / streams + " (did the input's shape change?)");
        }
        for (int n = 0; n < streams; n++) {
            if (!entry.fresh()[n]) continue;
            System.arraycopy(initial, 0, entry.values(), n * block, block);
            entry.fresh()[n] = false;
        }
        return entry.values();
    }

    @Override
    public int horizon() {
        return horizon;
    }

    /** Every stream starts afresh (and the input may take another shape). */
    void reset() {
        entries.clear();
    }

    /** Stream {@code stream} starts afresh on the next pass; the others continue. */
    void reset(int stream) {
        for (Entry entry : entries.values()) entry.fresh()[stream] = true;
    }
}
