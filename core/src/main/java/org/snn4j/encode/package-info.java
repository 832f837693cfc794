/** Input encoders: direct current, Bernoulli rate coding, stacked event frames. Imports tensor only. */
package org.snn4j.encode;
