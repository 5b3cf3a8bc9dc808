package org.tribuozoo.tribuo.onnx;

import java.nio.FloatBuffer;
import java.util.Map;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** Runs an exported model in ONNX Runtime, the way a deployment would: from the serialized bytes. */
final class OnnxRuntimeRunner {

    private OnnxRuntimeRunner() {
    }

    /**
     * The model's output for a batch.
     *
     * @param model the model, with one {@code [batch, width]} float input named {@link ArchitectureOnnx#INPUT_NAME}
     * @param raw   {@code count x width} raw inputs, row-major
     * @return the output, {@code count x outputWidth}, row-major
     */
    static float[] run(OnnxMl.ModelProto model, float[] raw, int count) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int width = raw.length / count;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model.toByteArray(), options);
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(raw), new long[] {count, width});
             OrtSession.Result result = session.run(Map.of(ArchitectureOnnx.INPUT_NAME, input))) {
            float[][] out = (float[][]) result.get(0).getValue();
            int units = out[0].length;
            float[] flat = new float[count * units];
            for (int i = 0; i < count; i++) {
                System.arraycopy(out[i], 0, flat, i * units, units);
            }
            return flat;
        }
    }
}
