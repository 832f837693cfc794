package org.snn4j.spark;

import java.util.List;
import org.snn4j.nn.Parameter;
import org.snn4j.tensor.Tensor;

/** Parameters' values or gradients laid end to end, in the model's fixed parameter order: what crosses the network. */
final class Flat {
    private Flat() {}

    /** The number of values of {@code ps}. */
    static int size(List<Parameter> ps) {
        int n = 0;
        for (Parameter p : ps) n += p.value().size();
        return n;
    }

    /** The values of {@code ps}, end to end. */
    static float[] values(List<Parameter> ps) {
        float[] out = new float[size(ps)];
        int at = 0;
        for (Parameter p : ps) at = put(p.value(), out, at);
        return out;
    }

    /** Adds {@code weight}·(the gradients of {@code ps}) to {@code sum}, end to end. */
    static void addGradients(List<Parameter> ps, double weight, double[] sum) {
        int at = 0;
        for (Parameter p : ps) {
            float[] g = p.grad().data();
            for (int i = 0; i < g.length; i++) sum[at++] += weight * g[i];
        }
    }

    /** Adds {@code weight}·(the values of {@code ps}) to {@code sum}, end to end. */
    static void addValues(List<Parameter> ps, double weight, double[] sum) {
        int at = 0;
        for (Parameter p : ps) {
            float[] v = p.value().data();
            for (int i = 0; i < v.length; i++) sum[at++] += weight * v[i];
        }
    }

    /** Sets the values of {@code ps} from {@code flat}. */
    static void setValues(List<Parameter> ps, float[] flat) {
        int at = 0;
        for (Parameter p : ps) {
            float[] v = p.value().data();
            System.arraycopy(flat, at, v, 0, v.length);
            at += v.length;
        }
    }

    /** Sets the values of {@code ps} from {@code flat}, rounded to float. */
    static void setValues(List<Parameter> ps, double[] flat) {
        int at = 0;
        for (Parameter p : ps) {
            float[] v = p.value().data();
            for (int i = 0; i < v.length; i++) v[i] = (float) flat[at++];
        }
    }

    /** Sets the gradients of {@code ps} from {@code flat}, rounded to float. */
    static void setGradients(List<Parameter> ps, double[] flat) {
        int at = 0;
        for (Parameter p : ps) {
            float[] g = p.grad().data();
            for (int i = 0; i < g.length; i++) g[i] = (float) flat[at++];
        }
    }

    private static int put(Tensor t, float[] out, int at) {
        float[] d = t.data();
        System.arraycopy(d, 0, out, at, d.length);
        return at + d.length;
    }
}
