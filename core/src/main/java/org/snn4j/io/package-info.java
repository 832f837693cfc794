/** Files: atomic writes, safetensors weights, checkpoints. Imports tensor (and nn for parameters). */
package org.snn4j.io;
