/** Input encoders: direct current, Bernoulli rate coding. Imports tensor only. */
package org.snn4j.encode;
