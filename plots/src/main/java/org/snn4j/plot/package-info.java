/** PNG figures through XChart: firing rate per layer, a spike raster of one sample, accuracy against T. */
package org.snn4j.plot;
