/** Inline SVG charts of snn4j runs, written without a charting library: lines, bars and spike rasters. */
package org.snn4j.plot.svg;
