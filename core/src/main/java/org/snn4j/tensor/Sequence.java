package org.snn4j.tensor;

/**
 * A tensor over time and its length T. The data is {@code [T, N, ...]}, or {@code [1, N, ...]} for a
 * sequence that is the same at every step (a direct input current) passed once and held over T steps:
 * stateless layers then run once instead of T times, and the first spiking layer integrates the one step
 * T times. Whether a sequence is held is decided here and nowhere else.
 *
 * @param data  {@code [stored steps, N, ...]}
 * @param steps T, the steps the sequence stands for (≥ the stored steps; more only when held)
 */
public record Sequence(Tensor data, int steps) {
    public Sequence {
        if (data.rank() < 2) throw new IllegalArgumentException("a sequence is [T, N, ...], not " + data.shapeString());
        if (steps < 1 || (data.dim(0) != 1 && data.dim(0) != steps)) {
            throw new IllegalArgumentException("a sequence of shape " + data.shapeString() + " cannot stand for " + steps + " steps");
        }
    }

    /**
     * The sequence {@code data} stands for in a pass of {@code passSteps} steps: a one-step tensor is held
     * over the pass's steps, a longer one carries its own.
     */
    public static Sequence of(Tensor data, int passSteps) {
        if (data.rank() < 2) throw new IllegalArgumentException("a sequence is [T, N, ...], not " + data.shapeString());
        return new Sequence(data, data.dim(0) == 1 ? passSteps : data.dim(0));
    }

    /** One stored step standing for more: the same values at every step. */
    public boolean held() {
        return data.dim(0) == 1 && steps > 1;
    }

    /** The steps the data actually stores (1 when held). */
    public int storedSteps() {
        return data.dim(0);
    }

    /** N. */
    public int samples() {
        return data.dim(1);
    }

    /** Elements of one sample at one step. */
    public int perSample() {
        return data.sizeFrom(2);
    }
}
