package org.snn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.data.Dataset;
import org.snn4j.datasets.DataSource;
import org.snn4j.encode.EncoderSpec;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.ModelSpec;
import org.snn4j.optim.OptimizerKind;
import org.snn4j.tensor.Rng;
import org.snn4j.train.TrainConfig;
import org.snn4j.train.TrainResult;
import org.snn4j.train.Trainer;
import org.snn4j.train.TrainingListener;

/**
 * Executors that open the training set from its files (not sent by the driver) train the single-machine model:
 * the bundled digits, and an image folder whose tasks decode only their shards' images, randomly cropped as
 * one machine crops them. With a gradient chunk both are equal to the last bit.
 */
@ExtendWith(LocalSpark.class)
class SharedFilesTest {
    @TempDir
    Path dir;

    @Test
    void executorsReadingTheDigitsThemselvesTrainTheSingleMachineModel() {
        DataSource files = new DataSource("mnist-10k", null, true, 224, 256);
        Dataset train = files.load(), test = new DataSource("mnist-10k", null, false, 224, 100).load();
        TrainConfig cfg = SyncTrainingTest.config(OptimizerKind.ADAM).toBuilder().encoder(EncoderSpec.bernoulli(1)).gradientChunk(16).build();
        assertSameRun(SyncTrainingTest::model, cfg, train, test, files);
    }

    @Test
    void executorsDecodingTheirShardsOfAnImageFolderTrainTheSingleMachineModel() throws IOException {
        Rng rng = new Rng(7);
        for (int c = 0; c < 3; c++) {
            Path classDir = Files.createDirectories(dir.resolve("class" + c));
            for (int i = 0; i < 12; i++) {
                BufferedImage image = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 20; y++) {
                    for (int x = 0; x < 20; x++) {
                        int v = (int) (rng.nextFloat() * 128) + (x / 7 == c ? 127 : 0);  // each class bright in its own band
                        image.setRGB(x, y, v << 16 | (255 - v) << 8 | v);
                    }
                }
                ImageIO.write(image, "png", classDir.resolve(i + ".png").toFile());
            }
        }
        DataSource files = new DataSource("folder:" + dir, null, true, 16, 0);
        Dataset train = files.load(), test = new DataSource("folder:" + dir, null, false, 16, 0).load();
        assertEquals(33, train.size(), "every tenth image of a class is held out");
        String spec = """
                {"name": "folder-mlp", "input": [3, 16, 16], "classes": 3,
                 "neuron": {"model": "lif", "leak": 0.9, "threshold": 1.0, "reset": "subtract", "surrogate": "triangle"},
                 "layers": [{"type": "flatten"}, {"type": "linear", "out": 24}, {"type": "spike"},
                            {"type": "linear", "out": 3}, {"type": "readout"}]}""";
        TrainConfig cfg = TrainConfig.builder().epochs(2).batch(12).steps(3).lr(1e-2).encoder(EncoderSpec.direct()).seed(4)
                .gradientChunk(4).build();
        assertSameRun(() -> ModelBuilder.build(ModelSpec.parse(spec, "folder"), ModelBuilder.Mode.SNN, 2), cfg, train, test, files);
    }

    private static void assertSameRun(java.util.function.Supplier<Model> models, TrainConfig cfg, Dataset train, Dataset test,
                                      DataSource files) {
        Model single = models.get();
        TrainResult expected = new Trainer(single, cfg, train, test).fit();
        Model m = models.get();
        TrainResult r;
        try (SparkBackend backend = new SparkBackend(LocalSpark.context(), false, m, cfg, train, files, 3)) {
            r = new Trainer(m, cfg, train, test, TrainingListener.NONE, backend).fit();
        }
        SyncTrainingTest.assertWeightsClose(single, m, 0, "executors reading " + files.data());
        for (int e = 0; e < cfg.epochs(); e++) {
            var a = expected.history().get(e);
            var b = r.history().get(e);
            assertEquals(a.trainLoss(), b.trainLoss(), "epoch " + (e + 1));
            assertEquals(a.trainAccuracy(), b.trainAccuracy(), "epoch " + (e + 1));
            assertEquals(a.testAccuracy(), b.testAccuracy(), "epoch " + (e + 1));
            assertEquals(a.trainSpikeRates(), b.trainSpikeRates(), "epoch " + (e + 1));
        }
    }
}
