/** Optimizers (SGD with momentum/Nesterov, Adam, AdamW) and learning-rate schedules. Imports tensor and nn. */
package org.snn4j.optim;
