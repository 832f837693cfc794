/**
 * Models that travel: ONNX import of ANNs (for conversion), NIR export and import of SNNs, and plain
 * safetensors weights beside a JSON spec. Imports model, nn, neuron, io and tensor.
 */
package org.snn4j.interop;
