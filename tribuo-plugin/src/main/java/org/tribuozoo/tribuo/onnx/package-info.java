/**
 * ONNX export of any DSL architecture with its weights, on Tribuo's {@code ONNXContext}: the graph
 * (opset 13), the operators Tribuo's {@code ONNXOperators} lacks, and the NHWC to NCHW layouts.
 * Exporting needs no ONNX Runtime.
 */
package org.tribuozoo.tribuo.onnx;
