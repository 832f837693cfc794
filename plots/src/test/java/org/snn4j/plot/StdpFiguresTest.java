package org.snn4j.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.plot.svg.Svg;
import org.snn4j.plot.svg.SvgFiles;

class StdpFiguresTest {
    @TempDir
    Path dir;

    private static BufferedImage png(Path f) throws IOException {
        BufferedImage img = ImageIO.read(f.toFile());
        assertNotNull(img, f + " is not a readable image");
        return img;
    }

    private static int grey(BufferedImage img, int x, int y) {
        int rgb = img.getRGB(x, y);
        assertEquals(rgb & 0xFF, rgb >> 16 & 0xFF);
        return rgb & 0xFF;
    }

    @Test
    void receptiveFieldsAreOneTilePerNeuronScaledToItsMaximum() throws IOException {
        // 3 neurons on 2 × 3 inputs, [inputs, neurons]: neuron 0 = input index, neuron 1 = only input 5, neuron 2 = 0.
        float[] w = new float[6 * 3];
        for (int i = 0; i < 6; i++) w[i * 3] = i;
        w[5 * 3 + 1] = 0.25f;
        BufferedImage img = StdpFigures.receptiveFields(w, 6, 3, 2, 3, 2);
        // a 2 × 2 grid of tiles of 6 × 4 pixels, one pixel apart
        assertEquals(2 * 7 + 1, img.getWidth());
        assertEquals(2 * 5 + 1, img.getHeight());
        assertEquals(0x40, grey(img, 0, 0));
        assertEquals(0, grey(img, 1, 1));                  // neuron 0, input 0
        assertEquals(Math.round(255 * 4 / 5f), grey(img, 1 + 1 * 2, 1 + 1 * 2 + 1)); // neuron 0, input 4 (row 1, col 1)
        assertEquals(255, grey(img, 1 + 2 * 2 + 1, 1 + 2 + 1)); // neuron 0, input 5
        assertEquals(255, grey(img, 8 + 4, 1 + 2));         // neuron 1, input 5
        assertEquals(0, grey(img, 8, 1));                   // neuron 1, input 0
        assertEquals(0, grey(img, 1, 6));                   // neuron 2: all 0
        assertEquals(0x40, grey(img, 8, 6));                // no fourth neuron
    }

    @Test
    void receptiveFieldsCheckTheirShape() {
        assertThrows(IllegalArgumentException.class, () -> StdpFigures.receptiveFields(new float[12], 6, 2, 2, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> StdpFigures.receptiveFields(new float[11], 6, 2, 2, 3, 1));
    }

    @Test
    void theFieldsFigureInlinesThemAndItsPngShowsThemPixelForPixelEnlarged() throws IOException {
        float[] w = new float[6 * 3];
        for (int i = 0; i < 6; i++) w[i * 3] = i;
        BufferedImage fields = StdpFigures.receptiveFields(w, 6, 3, 2, 3, 2);
        Svg figure = StdpFigures.receptiveFieldsFigure("fields", fields);
        assertTrue(figure.toString().contains("href=\"data:image/png;base64,"), "inlined, nothing loaded");
        Path f = dir.resolve("fields.png");
        SvgFiles.writePng(f, figure, 1);
        BufferedImage img = png(f);
        int scale = 560 / fields.getWidth(), x0 = (560 - fields.getWidth() * scale) / 2;
        assertEquals(255, grey(img, x0 + (1 + 2 * 2 + 1) * scale + scale / 2, 28 + (1 + 2 + 1) * scale + scale / 2), "neuron 0, input 5");
        assertEquals(0x40, grey(img, x0 + scale / 2, 28 + scale / 2), "the grey gap");
    }

    @Test
    void theRasterHasARowPerNeuronAndASquarePerSpike() {
        String some = StdpFigures.raster("raster", List.of(new int[] {0, 3}, new int[0], new int[] {2}), 4, 0.5).toString();
        String d = some.substring(some.indexOf(" d=\"") + 4);
        assertEquals(3, d.substring(0, d.indexOf('"')).chars().filter(c -> c == 'M').count(), "three spikes");
        assertTrue(some.contains(">time (ms)</text>") && some.contains(">1.5</text>") && some.contains(">0.5</text>"),
                "three steps of 0.5 ms on a time axis in ms: " + some);
        assertFalse(StdpFigures.raster("none", List.of(new int[0], new int[0]), 4, 0.5).toString().contains("<path "));
    }
}
