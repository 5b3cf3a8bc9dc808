/**
 * The processes {@code bench/compare.sh} starts, one per framework and workload: each runs one workload
 * with one framework and prints {@code RESULT <workload> <pass> <per second>} lines (the first pass is
 * warm-up, the script averages the others) and one {@code VERSION} line naming what it ran on.
 * {@link org.tribuozoo.bench.compare.ZooSide} is this project, {@link org.tribuozoo.bench.compare.OnnxSide}
 * ONNX Runtime through Tribuo's {@code ONNXExternalModel}; DJL's side is compiled by the {@code peers}
 * profile from {@code src/peers/java}, PyTorch's are the scripts in {@code bench/pytorch}.
 */
package org.tribuozoo.bench.compare;
