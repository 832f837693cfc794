package org.snn4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.Datasets;
import org.snn4j.encode.DirectEncoder;
import org.snn4j.encode.EncoderSpec;
import org.snn4j.engine.EngineMode;
import org.snn4j.engine.Executor;
import org.snn4j.engine.Session;
import org.snn4j.loss.SoftmaxCrossEntropy;
import org.snn4j.metrics.OpCounter;
import org.snn4j.metrics.SpikeRecords;
import org.snn4j.model.LayerSpec;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelFile;
import org.snn4j.model.ModelSpec;
import org.snn4j.model.NeuronSettings;
import org.snn4j.model.Presets;
import org.snn4j.neuron.NeuronConfig;
import org.snn4j.nn.ForwardContext;
import org.snn4j.nn.Layer;
import org.snn4j.nn.Pass;
import org.snn4j.optim.OptimizerKind;
import org.snn4j.optim.ScheduleSpec;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;
import org.snn4j.train.EpochRecord;
import org.snn4j.train.TrainConfig;
import org.snn4j.train.TrainResult;
import org.snn4j.train.Trainer;
import org.snn4j.train.TrainingListener;

/** The Java API example of README.md, kept compiling and running (on the bundled digits, shortened). */
class ReadmeExampleTest {
    @TempDir
    Path runs;

    @Test
    void readmeExampleRuns() {
        Dataset train = Datasets.load("mnist-10k", null, true).subset(512);
        Dataset test = Datasets.load("mnist-10k", null, false).subset(256);
        ModelSpec spec = Presets.byName("w1", train.sampleShape(), train.numClasses(), Presets.Options.defaults())
                .withNeuron(NeuronSettings.NONE.withSurrogate("arctan"));
        Model model = ModelBuilder.build(spec, ModelBuilder.Mode.SNN, 42);          // seed 42
        TrainConfig cfg = TrainConfig.builder()                                      // defaults for what is not set
                .epochs(1).batch(64).steps(4).lr(1e-3).schedule(ScheduleSpec.cosine())
                .optimizer(OptimizerKind.ADAM).encoder(EncoderSpec.direct()).loss(new SoftmaxCrossEntropy())
                .seed(42).out(runs.resolve("w1.snn4j")).checkpoint(runs.resolve("w1.ckpt"))
                .build();
        TrainingListener printEpochs = new TrainingListener() {                      // or no listener: silent
            @Override
            public void epochEnded(EpochRecord r, int epochs) {
                System.err.printf("epoch %d/%d: test accuracy %.4f%n", r.epoch(), epochs, r.testAccuracy());
            }
        };
        TrainResult result = new Trainer(model, cfg, train, test, printEpochs).fit();
        assertTrue(result.test().accuracy() > 0.1 && result.test().spikeRates().containsKey("sn2"));

        Executor executor = new Executor(model, EngineMode.AUTO);
        OpCounter ops = new OpCounter();
        SpikeRecords spikes = new SpikeRecords();
        Tensor input = new DirectEncoder().encodeCompact(test.images(new int[] {0, 1, 2, 3}), 8, new Rng(1));
        Tensor readout = executor.infer(input, ForwardContext.evaluation().withSteps(8).with(ops.forPass()).with(spikes));
        assertArrayEquals(new int[] {1, 4, 10}, readout.shape());
        assertTrue(spikes.rates().containsKey("sn2") && ops.layers().get("conv2").acsPerSample() > 0);

        Session session = new Session(model, EngineMode.AUTO, 4);
        Session.Step step = session.step(test.images(new int[] {0, 1, 2, 3}));
        assertArrayEquals(new int[] {4, 10}, step.readout().shape());
        assertEquals(1, session.stepsSeen(0));
        assertTrue(step.spikes().byLayer().containsKey("sn1"));

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            ModelFile.of(model, 8).write(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ModelFile saved = ModelFile.read(new java.io.ByteArrayInputStream(out.toByteArray()));
        assertEquals(8, saved.steps(4));
        assertEquals(ModelFile.read(runs.resolve("w1.snn4j")).model().spec(), saved.model().spec());

        ModelSpec mlp = new ModelSpec("mlp", new int[] {1, 28, 28}, 10, NeuronSettings.NONE.withLeak(0.9f),
                List.of(new LayerSpec.Flatten(), new LayerSpec.Linear(256), new LayerSpec.Spike(),
                        new LayerSpec.Linear(10), new LayerSpec.Readout(null)));
        assertEquals(mlp, ModelSpec.parse(mlp.toJson(), "mlp.json"));
        ModelBuilder.build(mlp, ModelBuilder.Mode.SNN, 1);

        Layer lif = NeuronConfig.builder().model("lif").leak(0.9f).surrogate("triangle").layer("sn1");
        Tensor currents = Tensor.full(0.6f, 4, 2, 3);
        Pass pass = lif.forward(currents /* [T, N, ...] */, ForwardContext.training(new Rng(1)));
        Tensor gradSpikes = Tensor.full(1f, 4, 2, 3);
        Tensor gradInput = pass.backward(gradSpikes, true);
        assertArrayEquals(currents.shape(), gradInput.shape());
    }
}
