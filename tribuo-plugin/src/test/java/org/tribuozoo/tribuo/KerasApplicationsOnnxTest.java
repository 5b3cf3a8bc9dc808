package org.tribuozoo.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tribuo.Example;
import org.tribuo.classification.Label;
import org.tribuozoo.tribuo.data.ImageExamples;
import org.tribuozoo.tribuo.data.ImageLayout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The zoo's Keras Applications networks small enough for these CPUs (ResNet-20, and MobileNet on
 * 32x32 colour images) train through {@link ZooTrainer}, and their ONNX export predicts the same
 * labels with probabilities at most 1e-5 apart through Tribuo's {@code ONNXExternalModel}.
 */
class KerasApplicationsOnnxTest {

    private static final ImageLayout COLOUR = new ImageLayout(32, 32, 3);

    @ParameterizedTest
    @ValueSource(strings = {"resnet20", "mobilenet"})
    void trainedNetworkAgreesWithOnnxRuntime(String name, @TempDir Path dir) throws Exception {
        List<Example<Label>> data = colour(SharedData.demo(4, 400));
        ZooModel model = ZooTrainer.builder(name).imageLayout(COLOUR).epochs(1).batchSize(32).seed(3).threads(2, 1)
                .optimizer(org.tribuozoo.dsl.training.Optimizer.adam())
                .build().train(SharedData.dataset("first 300", data.subList(0, 300)));
        assertEquals(10, model.labels().size());
        ZooModelOnnxTest.assertOnnxAgrees(model, data.subList(300, 400), dir.resolve(name + ".onnx"));
        model.close();
    }

    /** Each 28x28 grey demo image drawn into the middle of a 32x32 image, tinted differently per channel. */
    private static List<Example<Label>> colour(List<Example<Label>> grey) {
        ImageLayout small = new ImageLayout(28, 28, 1);
        List<Example<Label>> out = new ArrayList<>();
        for (Example<Label> e : grey) {
            float[] g = ImageExamples.pixels(e, small);
            double[] rgb = new double[COLOUR.size()];
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    double v = g[y * 28 + x];
                    int at = ((y + 2) * 32 + (x + 2)) * 3;
                    rgb[at] = v;
                    rgb[at + 1] = 255 - v;
                    rgb[at + 2] = v / 2;
                }
            }
            out.add(ImageExamples.toExample(e.getOutput(), rgb, COLOUR));
        }
        return out;
    }
}
