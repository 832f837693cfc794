package org.snn4j.stdp;

import org.snn4j.data.Dataset;
import org.snn4j.tensor.Rng;

/**
 * Diehl &amp; Cook 2015's unsupervised digit classifier: every pixel a Poisson input whose rate is in proportion
 * to its intensity, all-to-all plastic synapses ({@link DiehlCookConfig#rule}, by default the reference
 * code's {@link TripletStdp#diehlCook}) onto an {@link ExcitatoryLayer} of N neurons with adaptive thresholds
 * and lateral inhibition; each sample is shown for {@code presentMs}, again at a higher rate while the layer
 * fires fewer than {@code minSpikes} spikes, followed by {@code restMs} of silence. Before each training
 * presentation every neuron's input weights are normalised to {@code weightSum}. After training, each neuron
 * is labelled with the class it responded to most on average ({@link #label}, thresholds and weights
 * frozen), and a sample is classified by the class whose labelled neurons fire most on average
 * ({@link #evaluate}).
 *
 * <p>The simulation is event-driven where the work is: an input spike adds its row of N weights to the
 * conductances (weights kept channel-last, {@code [inputs, N]}); depression walks the rows of the inputs that
 * spiked, potentiation the column of a neuron that fired. Per step the cost is the N neurons' update and one
 * decay of the traces, not inputs × neurons. Order of one step: the neurons integrate and fire; the step's
 * input spikes add their weights to g_e, and the neurons that fired in the previous step inhibit the others
 * (both felt from the next step on); then, when learning, the STDP step (its traces see both spike sets) and
 * the thresholds' decay. The one-step delay is the reference code's inhibitory neuron: its partner's spike
 * (weight 10.4 onto v_rest −60 mV, threshold −40 mV, τ 10 ms, at dt = 0.5 ms) makes it fire in the
 * next step, once (refractory 2 ms, reset −45 mV), and its spike adds 17 to the other excitatory neurons' g_i.
 * Deterministic for a given seed; not thread-safe.
 */
public final class DiehlCook {
    private final DiehlCookConfig config;
    private final int inputs;
    private final Synapses synapses;
    private final Plasticity plasticity;
    private final AdaptiveThreshold theta;
    private final ExcitatoryLayer neurons;
    private final LateralInhibition inhibition;
    private final WeightNormalisation normalisation;
    private final PoissonInput poisson = new PoissonInput();
    private final Rng rng;
    private final int[] pre;
    private final int[] post;
    private final int[] inhibitors;
    private final float[] probability;
    private final Rng order;
    private int inhibitorCount;
    private int passes;
    private int[] labels;
    private java.util.List<int[]> recording;

    /** A network of {@code config.neurons()} neurons on {@code inputs} inputs, weights uniform in [0, initialMax). */
    public DiehlCook(DiehlCookConfig config, int inputs) {
        if (inputs < 1) throw new IllegalArgumentException("inputs must be >= 1, was " + inputs);
        this.config = config;
        this.inputs = inputs;
        int n = config.neurons();
        this.rng = new Rng(config.seed());
        float[] w = new float[inputs * n];
        rng.fillUniform(w, 0f, config.initialMax());
        this.synapses = Synapses.inByOut(w, inputs, n);
        this.plasticity = config.rule().start(synapses, config.dtMs());
        this.theta = new AdaptiveThreshold(n, 0f, config.thetaPlus(), config.tauThetaMs(), config.dtMs(), config.thetaRestMv());
        this.neurons = new ExcitatoryLayer(n, config.dtMs(), theta, config.lockoutMs(), config.eulerConductances());
        this.inhibition = new LateralInhibition(config.inhibition());
        this.normalisation = new WeightNormalisation(config.weightSum());
        this.pre = new int[inputs];
        this.post = new int[n];
        this.inhibitors = new int[n];
        this.order = new Rng(config.seed() ^ 0x5DEECE66DL);
        this.probability = new float[inputs];
    }

    /**
     * Samples per second, spikes and the time of one pass.
     *
     * @param samples samples shown
     * @param seconds wall time
     * @param spikes  excitatory spikes during the presentations
     */
    public record Pass(int samples, double seconds, long spikes) {
        public double samplesPerSecond() {
            return samples / seconds;
        }
    }

    /**
     * One learning pass over {@code data}, then {@link #label} on the same data. The first pass of this network
     * shows the samples in their stored order, every later pass in a new random order (drawn from the seed).
     */
    public Pass train(Dataset data) {
        int[] indices = storedOrder(data.size());
        if (passes > 0) order.shuffle(indices);
        passes++;
        Pass learned = learn(data, indices);
        label(data);
        return learned;
    }

    /** One pass of unsupervised learning over {@code data} in its stored order (labels are not read). */
    public Pass learn(Dataset data) {
        return learn(data, storedOrder(data.size()));
    }

    /** One pass of unsupervised learning over the samples {@code indices} of {@code data}, in that order. */
    public Pass learn(Dataset data, int[] indices) {
        checkShape(data);
        long start = System.nanoTime(), spikes = 0;
        int[] counts = new int[config.neurons()];
        for (int s : indices) spikes += present(data.sample(s), true, counts);
        return new Pass(indices.length, (System.nanoTime() - start) / 1e9, spikes);
    }

    private static int[] storedOrder(int n) {
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) indices[i] = i;
        return indices;
    }

    /**
     * Labels every neuron with the class of {@code data} for which its mean spike count (learning off) is
     * highest; a neuron silent for every class stays unlabelled (-1) and does not vote, as in the reference code.
     */
    public void label(Dataset data) {
        checkShape(data);
        int classes = data.numClasses(), n = config.neurons();
        double[][] sums = new double[n][classes];
        int[] perClass = new int[classes];
        int[] counts = new int[n];
        for (int s = 0; s < data.size(); s++) {
            present(data.sample(s), false, counts);
            int c = data.label(s);
            perClass[c]++;
            for (int j = 0; j < n; j++) sums[j][c] += counts[j];
        }
        int[] assigned = new int[n];
        java.util.Arrays.fill(assigned, -1);
        for (int j = 0; j < n; j++) {
            double best = 0;
            for (int c = 0; c < classes; c++) {
                if (perClass[c] == 0) continue;
                double mean = sums[j][c] / perClass[c];
                if (mean > best) {
                    best = mean;
                    assigned[j] = c;
                }
            }
        }
        this.labels = assigned;
    }

    /** The fraction of {@code data} the labelled neurons' votes classify correctly (learning off). */
    public double evaluate(Dataset data) {
        checkShape(data);
        if (labels == null) throw new IllegalStateException("label the neurons first (train or label)");
        int classes = data.numClasses(), correct = 0;
        int[] counts = new int[config.neurons()];
        for (int s = 0; s < data.size(); s++) {
            present(data.sample(s), false, counts);
            if (vote(counts, classes) == data.label(s)) correct++;
        }
        return data.size() == 0 ? 0 : (double) correct / data.size();
    }

    /**
     * The excitatory layer's spikes while it is shown {@code pixels} once more (learning off), for a raster:
     * element t holds the neurons that fired in step t of the last presentation (after any retries at higher
     * rates), in ascending order.
     */
    public java.util.List<int[]> spikes(float[] pixels) {
        if (pixels.length != inputs) throw new IllegalArgumentException(pixels.length + " pixels, the network has " + inputs + " inputs");
        recording = new java.util.ArrayList<>();
        try {
            present(pixels, false, new int[config.neurons()]);
            return recording;
        } finally {
            recording = null;
        }
    }

    /** The class whose labelled neurons fired most on average (ties: the lower class; no spikes: class 0). */
    int vote(int[] counts, int classes) {
        double[] sum = new double[classes];
        int[] members = new int[classes];
        for (int j = 0; j < counts.length; j++) {
            if (labels[j] < 0 || labels[j] >= classes) continue;
            sum[labels[j]] += counts[j];
            members[labels[j]]++;
        }
        int best = 0;
        double bestScore = -1;
        for (int c = 0; c < classes; c++) {
            double score = members[c] == 0 ? 0 : sum[c] / members[c];
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    /**
     * Shows one sample (retried at higher rates while too few spikes), then rests; {@code counts} gets each
     * neuron's spikes during the last presentation. Returns the spikes of all presentations.
     */
    int present(float[] pixels, boolean learn, int[] counts) {
        theta.freeze(!learn);
        int total = 0;
        for (int retry = 0; ; retry++) {
            double rateHz = config.maxRateHz() + retry * config.rateStepHz();
            float scale = (float) (rateHz * config.dtMs() / 1000);
            for (int i = 0; i < inputs; i++) probability[i] = Math.min(1f, Math.max(0f, pixels[i]) * scale);
            poisson.draw(probability, config.presentSteps(), rng);
            if (learn) normalisation.apply(synapses);
            java.util.Arrays.fill(counts, 0);
            if (recording != null) recording.clear();
            int fired = 0;
            for (int t = 0; t < config.presentSteps(); t++) fired += step(t, learn, counts);
            for (int t = 0; t < config.restSteps(); t++) step(-1, learn, null);
            total += fired;
            if (fired >= config.minSpikes() || retry >= config.maxRetries()) return total;
        }
    }

    /** One step; {@code t} is the presentation step whose input spikes arrive, or -1 for silence. */
    private int step(int t, boolean learn, int[] counts) {
        int fired = neurons.step(post);
        if (counts != null) for (int k = 0; k < fired; k++) counts[post[k]]++;
        if (counts != null && recording != null) recording.add(java.util.Arrays.copyOf(post, fired));
        int preCount = 0;
        if (t >= 0) {
            int[] events = poisson.indices();
            int from = poisson.start(t), to = poisson.start(t + 1);
            float[] w = synapses.weights(), ge = neurons.excitation();
            int n = config.neurons();
            for (int e = from; e < to; e++) {
                int i = events[e];
                pre[preCount++] = i;
                int base = i * n;
                for (int j = 0; j < n; j++) ge[j] += w[base + j];
            }
        }
        inhibition.apply(inhibitors, inhibitorCount, neurons.inhibition());
        System.arraycopy(post, 0, inhibitors, 0, fired);
        inhibitorCount = fired;
        if (learn) {
            plasticity.step(pre, preCount, post, fired);
            theta.decay();
        }
        return fired;
    }

    private void checkShape(Dataset data) {
        if (data.sampleSize() != inputs) {
            throw new IllegalArgumentException(data.name() + ": samples of " + data.sampleSize() + " values, the network has " + inputs + " inputs");
        }
    }

    /** A copy of the weights, {@code [inputs, N]} (input i's weights to every neuron contiguous). */
    public float[] weights() {
        return synapses.weights().clone();
    }

    /** Neuron j's adaptive threshold θ, in mV above the base threshold. */
    public float threshold(int j) {
        return theta.get(j);
    }

    /** Every neuron's class after {@link #label}, or null before. */
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    /**
     * Puts a trained network's state in place of this one's: {@code weights} as {@link #weights} gives them,
     * every neuron's θ, and its labels (-1: unlabelled; null: not labelled). What {@link DiehlCookFile} reads
     * back; the Poisson inputs continue from this network's seed.
     *
     * @throws IllegalArgumentException when a length does not match the network or a value is not finite
     */
    public void restore(float[] weights, float[] thresholds, int[] labels) {
        int n = config.neurons();
        if (weights.length != inputs * n || thresholds.length != n || (labels != null && labels.length != n)) {
            throw new IllegalArgumentException("need " + inputs * n + " weights, " + n + " thresholds and labels; got " + weights.length
                    + ", " + thresholds.length + ", " + (labels == null ? "none" : labels.length));
        }
        for (float v : weights) if (!Float.isFinite(v)) throw new IllegalArgumentException("weight " + v + " is not finite");
        for (float v : thresholds) if (!Float.isFinite(v)) throw new IllegalArgumentException("threshold " + v + " is not finite");
        System.arraycopy(weights, 0, synapses.weights(), 0, weights.length);
        for (int j = 0; j < n; j++) theta.set(j, thresholds[j]);
        this.labels = labels == null ? null : labels.clone();
    }

    /** Inputs per sample. */
    public int inputs() {
        return inputs;
    }

    public DiehlCookConfig config() {
        return config;
    }
}
