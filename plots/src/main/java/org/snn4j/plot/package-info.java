/** Figures of snn4j runs (ReportFigures: SVG charts written as SVG or PNG files) and the self-contained HTML run report. */
package org.snn4j.plot;
