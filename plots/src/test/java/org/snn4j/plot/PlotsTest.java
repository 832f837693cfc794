package org.snn4j.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.model.Model;
import org.snn4j.model.ModelBuilder;
import org.snn4j.model.Presets;
import org.snn4j.tensor.Rng;
import org.snn4j.tensor.Tensor;

class PlotsTest {
    @TempDir
    Path dir;

    private static BufferedImage png(Path f) throws IOException {
        BufferedImage img = ImageIO.read(f.toFile());
        assertNotNull(img, f + " is not a readable image");
        assertEquals(800, img.getWidth());
        assertEquals(500, img.getHeight());
        return img;
    }

    @Test
    void writesTheThreeFiguresAsPngFiles() throws IOException {
        Path rates = dir.resolve("rates.png"), raster = dir.resolve("raster.png"), curve = dir.resolve("curve.png");
        Plots.firingRates(rates, "rates", Map.of("sn1", 0.1, "sn2", 0.2));
        Model w1 = ModelBuilder.build(Presets.byName("w1", new int[] {1, 28, 28}, 10, Presets.Options.defaults()), ModelBuilder.Mode.SNN, 1);
        Tensor image = Tensor.zeros(1, 28, 28);
        new Rng(3).fillUniform(image.data(), 0, 1);
        Plots.raster(raster, "raster", w1, image, 8, 50);
        Map<String, Map<Integer, Double>> curves = new LinkedHashMap<>();
        curves.put("p99.9", new TreeMap<>(Map.of(1, 0.1, 4, 0.7, 16, 0.86)));
        curves.put("tuned", new TreeMap<>(Map.of(1, 0.8, 4, 0.83, 16, 0.86)));
        Plots.accuracyAgainstT(curve, "curve", curves, 0.88);
        for (Path p : new Path[] {rates, raster, curve}) png(p);
    }
}
