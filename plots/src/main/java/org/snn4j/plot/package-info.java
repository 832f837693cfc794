/** Figures of snn4j runs: PNG files through XChart (firing rate per layer, a spike raster, accuracy against T) and the self-contained HTML run report with inline SVG charts. */
package org.snn4j.plot;
