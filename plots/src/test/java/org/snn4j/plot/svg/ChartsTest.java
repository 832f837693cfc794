package org.snn4j.plot.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {
    @Test
    void numbersHaveAtMostTwoDecimalsAndTextIsEscaped() {
        assertEquals("3", Svg.n(3.0));
        assertEquals("1.25", Svg.n(1.2549));
        assertEquals("-0.5", Svg.n(-0.5));
        assertEquals("0", Svg.n(Double.NaN));
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", Svg.escape("a <b> & \"c\" 'd'"));
        String svg = new Svg(10, 20, "x<y").rect(0, 0, 10, 20, "#fff").toString();
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"10\" height=\"20\""), svg);
        assertTrue(svg.contains("<title>x&lt;y</title>"), svg);
    }

    @Test
    void scalesWidenToRoundTicksAndMapValuesToPixels() {
        Scale linear = Scale.covering(new double[] {0.13, 0.87, Double.NaN}, 0, 100, false, true);
        assertEquals(0, linear.min());
        assertEquals(1, linear.max(), 1e-12);
        assertEquals(50, linear.at(0.5), 1e-9);
        assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), linear.ticks().stream().map(t -> Math.round(t * 10) / 10.0).toList());
        Scale log = Scale.covering(new double[] {0, 30, 4000}, 0, 300, true, true);
        assertEquals(10, log.min(), 1e-12);
        assertEquals(1e4, log.max(), 1e-9);
        assertEquals(100, log.at(100), 1e-9);
        assertEquals(4, log.ticks().size());
        assertEquals("1e4", log.label(1e4));
        assertEquals("0.25", linear.label(0.25));
    }

    @Test
    void lineAndBarChartsDrawEachSeriesInItsColourWithALegend() {
        String lines = Charts.lines("acc", "epoch", "%", List.of(new Charts.Series("train", new double[] {1, 2}, new double[] {50, 60}),
                new Charts.Series("test", new double[] {1, 2}, new double[] {Double.NaN, 70})), false).toString();
        assertTrue(lines.contains("stroke=\"" + Charts.colour(0) + "\""));
        assertTrue(lines.contains("stroke=\"" + Charts.colour(1) + "\""));
        assertTrue(lines.contains(">train</text>") && lines.contains(">test</text>"));
        String bars = Charts.bars("ops", "n", List.of("conv1", "fc"), List.of(new Charts.Series("ACs", null, new double[] {100, 0})), true)
                .toString();
        assertEquals(1, bars.split("fill=\"" + Charts.colour(0) + "\"").length - 2, "one bar (zero is left out) and the legend's square");
        assertTrue(bars.contains(">conv1</text>") && bars.contains(">fc</text>"));
    }

    @Test
    void aRasterDrawsOneSquarePerSpikeInOnePathPerLayer() {
        String svg = RasterChart.render("r", List.of(new RasterChart.Block("sn1", 2, (r, t) -> r == t),
                new RasterChart.Block("sn2", 3, (r, t) -> false)), 4).toString();
        assertEquals(1, svg.split("<path ").length - 1, "a silent layer draws no path");
        String d = svg.substring(svg.indexOf(" d=\"") + 4);
        assertEquals(2, d.substring(0, d.indexOf('"')).chars().filter(c -> c == 'M').count(), "sn1 spiked twice");
        assertTrue(svg.contains(">sn1</text>") && svg.contains(">sn2</text>"));
        assertFalse(svg.contains("NaN"));
    }

    @Test
    void aPngDrawsTheSameShapesAsTheSvgAtItsScale() throws java.io.IOException {
        Svg svg = new Svg(40, 20, "p").rect(0, 0, 40, 20, "#ffffff").rect(10, 5, 10, 10, "#D55E00").line(0, 18, 40, 18, "#0072B2", 2, 4)
                .text(30, 10, "x", 8, "middle", 0);
        java.awt.image.BufferedImage image = SvgFiles.image(svg, 2);
        assertEquals(80, image.getWidth());
        assertEquals(40, image.getHeight());
        assertEquals(0xD55E00, image.getRGB(30, 20) & 0xFFFFFF, "the rectangle, at twice its coordinates");
        assertEquals(0xFFFFFF, image.getRGB(5, 5) & 0xFFFFFF);
        assertEquals(0x0072B2, image.getRGB(2, 36) & 0xFFFFFF, "a dash");
        assertEquals(0xFFFFFF, image.getRGB(10, 36) & 0xFFFFFF, "a gap");
        assertTrue(svg.toString().contains("stroke-dasharray=\"4\""));
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("svgfiles");
        SvgFiles.writeSvg(dir.resolve("p.svg"), svg);
        SvgFiles.writePng(dir.resolve("p.png"), svg, 1);
        assertTrue(java.nio.file.Files.readString(dir.resolve("p.svg")).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns="));
        assertEquals(40, javax.imageio.ImageIO.read(dir.resolve("p.png").toFile()).getWidth());
    }
}
