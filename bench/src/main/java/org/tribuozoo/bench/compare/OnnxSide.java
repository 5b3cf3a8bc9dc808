package org.tribuozoo.bench.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.interop.onnx.DenseTransformer;
import org.tribuo.interop.onnx.LabelTransformer;
import org.tribuo.interop.onnx.ONNXExternalModel;
import org.tribuozoo.tribuo.ZooModel;
import org.tribuozoo.tribuo.data.IdxImages;

/**
 * The inference peer of {@code bench/compare.sh}: {@code mnist-inference} with the exported file in ONNX
 * Runtime through Tribuo's {@code ONNXExternalModel}, the deployment path of docs/onnx.md. It predicts
 * the t10k images as one list in batches of 256 (as {@code ZooModel.predict} does) with {@code --threads}
 * intra-op threads, one {@code RESULT} per pass in images/s with the number predicted right.
 *
 * <p>Arguments: {@code mnist-inference --onnx FILE --model ZOO_FILE [--data DIR] [--threads N]
 * [--passes P]}; the zoo model file supplies the feature and label mappings that
 * {@code ONNXExternalModel} needs, nothing else (it runs no TensorFlow).
 */
public final class OnnxSide {

    /** ZooModel's prediction batch. */
    private static final int BATCH = 256;

    private OnnxSide() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args, Set.of("onnx", "model", "data", "threads", "passes"));
        if (!o.workload().equals("mnist-inference")) {
            throw new IllegalArgumentException("ONNX Runtime runs mnist-inference only, not " + o.workload());
        }
        int threads = o.integer("threads", Runtime.getRuntime().availableProcessors());
        int passes = o.integer("passes", 4);
        List<Example<Label>> examples = new ArrayList<>();
        IdxImages.load(o.path("data", "../shared/data/mnist"), "t10k").forEach(examples::add);
        ZooModel zoo = ZooModel.load(o.requiredPath("model"));
        // The model owns the options from here on and closes them with itself.
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        Path onnx = o.requiredPath("onnx");
        try (ONNXExternalModel<Label> model = ONNXExternalModel.createOnnxModel(new LabelFactory(),
                zoo.onnxFeatureMapping(), zoo.onnxOutputMapping(), new DenseTransformer(), new LabelTransformer(),
                options, onnx, "input")) {
            model.setBatchSize(BATCH);
            System.out.printf(Locale.ROOT, "VERSION onnxruntime ONNX Runtime %s through Tribuo %s, "
                            + "intra-op threads %d, batch %d, java %s%n", OrtEnvironment.getEnvironment().getVersion(),
                    org.tribuo.Tribuo.VERSION, threads, BATCH, System.getProperty("java.version"));
            for (int pass = 1; pass <= passes; pass++) {
                long start = System.nanoTime();
                List<Prediction<Label>> predictions = model.predict(examples);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "RESULT mnist-inference %d %.2f right %d of %d%n", pass,
                        examples.size() / seconds, ZooSide.right(predictions), examples.size());
            }
        }
    }
}
