/** The {@code snn4j} command line (picocli): thin commands that build a configuration and call the library. */
package org.snn4j.cli;
