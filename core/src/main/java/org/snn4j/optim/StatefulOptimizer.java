package org.snn4j.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.snn4j.Snn4jException;
import org.snn4j.nn.Parameter;
import org.snn4j.tensor.Tensor;

/**
 * The parameter list, step count and per-parameter state slots ("momentum_buffer", "exp_avg", ...)
 * shared by the optimizers, and the exact save/restore of that state.
 *
 * <p>State keys: {@code step} (a 1-element tensor holding the number of steps taken; exact up to 2^24)
 * and {@code <slot>/<parameter name>} for every slot and parameter, shaped as the parameter. All state is
 * float32, as are the parameters, so a restored optimizer continues bit-identically.
 */
abstract class StatefulOptimizer implements Optimizer {
    /** Largest step count a float32 {@code step} tensor holds exactly. */
    static final int MAX_STEPS = 1 << 24;

    private final List<Parameter> params;
    private final String[] slotNames;
    /** slots[s][p]: slot s of parameter p, as long as the parameter. */
    final float[][][] slots;
    /** Number of completed {@link #step} calls. */
    int steps;

    StatefulOptimizer(List<Parameter> parameters, String... slotNames) {
        this.params = List.copyOf(parameters);
        Set<String> names = new HashSet<>();
        for (Parameter p : params) {
            if (!names.add(p.name())) throw new IllegalArgumentException("duplicate parameter name '" + p.name() + "'");
        }
        this.slotNames = slotNames.clone();
        this.slots = new float[slotNames.length][params.size()][];
        for (int s = 0; s < slotNames.length; s++) {
            for (int p = 0; p < params.size(); p++) slots[s][p] = new float[params.get(p).value().size()];
        }
    }

    /** The optimizer's name in messages, e.g. {@code sgd}. */
    abstract String kind();

    /** Updates parameter {@code p} (its value array {@code w}, gradient {@code g}); {@link #steps} already counts this step. */
    abstract void update(int p, float[] w, float[] g, boolean decayed, double learningRate);

    @Override
    public final List<Parameter> parameters() {
        return params;
    }

    @Override
    public final void step(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(kind() + ": learning rate must be finite and ≥ 0, was " + learningRate);
        }
        steps++;
        for (int p = 0; p < params.size(); p++) {
            Parameter param = params.get(p);
            update(p, param.value().data(), param.grad().data(), param.decayed(), learningRate);
        }
    }

    /** Number of steps taken so far (restored by {@link #loadState}). */
    public final int stepCount() {
        return steps;
    }

    @Override
    public final Map<String, Tensor> state() {
        if (steps > MAX_STEPS) {
            throw new Snn4jException(kind() + ": step count " + steps + " exceeds " + MAX_STEPS + ", which the state format holds exactly");
        }
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("step", new Tensor(new float[] {steps}, 1));
        for (int s = 0; s < slotNames.length; s++) {
            for (int p = 0; p < params.size(); p++) {
                state.put(key(s, p), new Tensor(slots[s][p].clone(), params.get(p).value().shape()));
            }
        }
        return state;
    }

    @Override
    public final void loadState(Map<String, Tensor> state) {
        // Validate everything first so a refused state leaves the optimizer untouched.
        Set<String> expected = new TreeSet<>();
        expected.add("step");
        for (int s = 0; s < slotNames.length; s++) for (int p = 0; p < params.size(); p++) expected.add(key(s, p));
        List<String> missing = new ArrayList<>(), extra = new ArrayList<>();
        for (String k : expected) if (!state.containsKey(k)) missing.add(k);
        for (String k : new TreeSet<>(state.keySet())) if (!expected.contains(k)) extra.add(k);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new Snn4jException(kind() + " state does not match these parameters: missing " + abbreviate(missing)
                    + ", unexpected " + abbreviate(extra) + " (saved by another optimizer or model?)");
        }
        Tensor step = state.get("step");
        float count = step.size() == 1 ? step.data()[0] : Float.NaN;
        if (!(count >= 0 && count <= MAX_STEPS && count == Math.rint(count))) {
            throw new Snn4jException(kind() + " state: 'step' must be one whole number in [0, " + MAX_STEPS + "], was "
                    + (step.size() == 1 ? String.valueOf(count) : "shape " + step.shapeString()));
        }
        for (int s = 0; s < slotNames.length; s++) {
            for (int p = 0; p < params.size(); p++) {
                Tensor t = state.get(key(s, p));
                int[] shape = params.get(p).value().shape();
                if (!Arrays.equals(t.shape(), shape)) {
                    throw new Snn4jException(kind() + " state: '" + key(s, p) + "' shape expected "
                            + Arrays.toString(shape) + ", was " + t.shapeString());
                }
            }
        }
        for (int s = 0; s < slotNames.length; s++) {
            for (int p = 0; p < params.size(); p++) {
                float[] src = state.get(key(s, p)).data();
                System.arraycopy(src, 0, slots[s][p], 0, src.length);
            }
        }
        steps = (int) count;
        stateLoaded();
    }

    /** Called after {@link #loadState} replaced the slots' contents, for subclasses that keep facts about them. */
    void stateLoaded() {}

    private String key(int slot, int param) {
        return slotNames[slot] + "/" + params.get(param).name();
    }

    private static String abbreviate(List<String> keys) {
        if (keys.isEmpty()) return "none";
        return keys.size() <= 3 ? keys.toString() : keys.subList(0, 3) + " and " + (keys.size() - 3) + " more";
    }

    static void checkUnit(String kind, String what, double v) {
        if (!(v >= 0 && v < 1)) throw new Snn4jException(kind + ": " + what + " must be in [0, 1), was " + v);
    }

    static void checkDecay(String kind, double weightDecay) {
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new Snn4jException(kind + ": weight decay must be finite and ≥ 0, was " + weightDecay);
        }
    }
}
