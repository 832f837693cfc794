package org.snn4j.plot;

import com.google.gson.JsonObject;
import java.util.List;
import org.snn4j.plot.svg.Svg;

/**
 * What the HTML report of a Diehl &amp; Cook STDP run shows ({@link HtmlReport#render(StdpRunReport)}): the metrics log's
 * lines of its passes, a fresh test of the network, its spikes for one test sample and its learned receptive fields.
 *
 * @param title           the page's heading
 * @param source          where the network and its log came from, as shown
 * @param metrics         the metrics log's objects in file order ({@code stdp_pass} lines are shown)
 * @param accuracy        test accuracy of the labelled neurons' votes
 * @param samples         test samples
 * @param labels          every neuron's class (-1: unlabelled)
 * @param rasterSpikes    excitatory spikes in the raster
 * @param raster          the raster of test sample 0 ({@link StdpFigures#raster})
 * @param receptiveFields the receptive fields ({@link StdpFigures#receptiveFieldsFigure})
 */
public record StdpRunReport(String title, String source, List<JsonObject> metrics, double accuracy, int samples, int[] labels,
                            int rasterSpikes, Svg raster, Svg receptiveFields) {}
