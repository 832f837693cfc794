package org.snn4j.stdp;

import java.util.ArrayList;
import java.util.List;
import org.snn4j.data.Dataset;
import org.snn4j.nn.Conv2d;
import org.snn4j.tensor.Rng;

/**
 * STDP pre-training of a network that is then trained by gradient descent (Lee et al. 2018's recipe): the network's
 * chain of convolutions is mirrored by a {@link ConvStdpNetwork} of the same channels and kernels (the pixel
 * intensities as first-spike times, {@link FirstSpikeCoding} without DoG, so that the first layer takes the image's own
 * channels), learned layer by layer ({@link ConvStdpNetwork#trainLayer}, {@link ConvStdpLearning#defaults}), and each
 * learned kernel replaces the convolution's initial one. STDP kernels are non-negative, in [0, 1]; the gradient-trained
 * network expects weights around 0 at its initialiser's scale, so each map's kernel is centred on its mean and the
 * layer's kernels are scaled together to the standard deviation of the convolution's initial weights: the pattern is
 * STDP's, the scale the initialiser's. Biases stay as they are.
 *
 * <p>Each STDP layer's threshold is {@code 0.4·k²}: half the potential {@code 0.8·k²} of a window in which one channel
 * per position spikes at the initial mean weight 0.8 (lateral inhibition lets one map fire per position).
 */
public final class ConvStdpPretraining {
    /** Time steps of the first-spike coding (as {@code snn4j stdp --conv}). */
    public static final int STEPS = 15;

    private ConvStdpPretraining() {}

    /**
     * What the pre-training of one convolution did.
     *
     * @param name      the convolution's name
     * @param threshold the STDP layer's threshold
     * @param samples   images it learned from
     * @param winners   winners over all those images
     * @param seconds   wall time
     */
    public record Layer(String name, float threshold, int samples, long winners, double seconds) {}

    /**
     * Learns {@code convs} one after the other on the first {@code samples} images of {@code data} (in an order drawn
     * from {@code seed}, a new one per layer) and writes the kernels into them.
     *
     * @param convs the network's convolutions in running order, each taking the channels of the one before (the first
     *              those of the images), stride 1, square kernels
     * @param pools the first-spike pooling after each convolution (the network's pooling window there; 1: none)
     * @throws IllegalArgumentException when the convolutions do not form such a chain or a feature map becomes smaller
     *                                  than a kernel
     */
    public static List<Layer> apply(List<Conv2d> convs, int[] pools, Dataset data, int samples, long seed) {
        if (convs.isEmpty()) throw new IllegalArgumentException("no convolution to pre-train");
        if (pools.length != convs.size()) throw new IllegalArgumentException(convs.size() + " convolutions, " + pools.length + " pools");
        if (samples < 1) throw new IllegalArgumentException("samples must be >= 1, was " + samples);
        int[] shape = data.sampleShape();
        int channels = shape[0];
        List<ConvStdpNetwork.Stage> stages = new ArrayList<>();
        Rng init = new Rng(seed);
        for (int i = 0; i < convs.size(); i++) {
            Conv2d c = convs.get(i);
            if (c.inChannels() != channels) {
                throw new IllegalArgumentException(c.name() + " takes " + c.inChannels() + " channels, " + (i == 0 ? "the images have "
                        : "the convolution before gives ") + channels + ": STDP pre-training needs a plain chain of convolutions");
            }
            if (c.stride() != 1) throw new IllegalArgumentException(c.name() + " has stride " + c.stride() + ": STDP pre-training needs stride 1");
            float threshold = 0.4f * c.kernel() * c.kernel();
            stages.add(new ConvStdpNetwork.Stage(new ConvStdpLayer(channels, c.outChannels(), c.kernel(), threshold, init.split()), pools[i]));
            channels = c.outChannels();
        }
        ConvStdpNetwork net = new ConvStdpNetwork(new FirstSpikeCoding(shape, STEPS, false), stages);
        List<Layer> done = new ArrayList<>();
        for (int i = 0; i < convs.size(); i++) {
            ConvStdpNetwork.Training t = net.trainLayer(i, data, samples, ConvStdpLearning.defaults(), new Rng(seed * 31 + i));
            ConvStdpLayer learned = stages.get(i).layer();
            transfer(learned.weights(), learned.maps(), convs.get(i).weight().value().data());
            done.add(new Layer(convs.get(i).name(), learned.threshold(), t.samples(), t.winners(), t.seconds()));
        }
        return done;
    }

    /**
     * Writes {@code kernels} ({@code maps} kernels, each centred on its mean) into {@code weights} (the same layout), all
     * scaled so that their standard deviation is that of the values {@code weights} held. Kernels that are all constant
     * leave {@code weights} as they were.
     */
    static void transfer(float[] kernels, int maps, float[] weights) {
        if (kernels.length != weights.length) throw new IllegalArgumentException(kernels.length + " kernel weights for " + weights.length);
        int per = kernels.length / maps;
        double[] centred = new double[kernels.length];
        double sq = 0;
        for (int m = 0; m < maps; m++) {
            double mean = 0;
            for (int k = 0; k < per; k++) mean += kernels[m * per + k];
            mean /= per;
            for (int k = 0; k < per; k++) {
                double d = kernels[m * per + k] - mean;
                centred[m * per + k] = d;
                sq += d * d;
            }
        }
        double std = Math.sqrt(sq / kernels.length);
        if (std == 0) return;
        double target = std(weights);
        for (int i = 0; i < weights.length; i++) weights[i] = (float) (centred[i] * target / std);
    }

    /** The population standard deviation of {@code x}. */
    static double std(float[] x) {
        double mean = 0;
        for (float v : x) mean += v;
        mean /= x.length;
        double sq = 0;
        for (float v : x) sq += (v - mean) * (v - mean);
        return Math.sqrt(sq / x.length);
    }
}
