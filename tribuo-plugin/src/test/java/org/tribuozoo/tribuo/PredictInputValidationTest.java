package org.tribuozoo.tribuo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;
import org.tribuozoo.tribuo.data.ImageExamples;
import org.tribuozoo.tribuo.data.ImageLayout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ZooModel#predict} refuses what it would misread: an image of another size (a 27x27 or 29x29
 * digit given to a 28x28 model), features that are not pixels, values that are not finite. Predicting
 * a list or a dataset refuses it whole, counting the examples refused and naming the first.
 */
class PredictInputValidationTest {

    private static final String MNIST = "a 28x28x1 image (784 pixel values named by their index, finite)";
    private static ZooModel model;
    private static List<Example<Label>> demo;

    @BeforeAll
    static void train() {
        model = ZooTrainer.builder("lenet5").epochs(1).batchSize(32).seed(1).threads(2, 2).build()
                .train(SharedData.dataset("demo 1", SharedData.demo(1, 300)));
        demo = SharedData.demo(2, 20);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** A demo image cut or padded to size x size, as a data source of that size would give it. */
    private static Example<Label> resized(Example<Label> example, int size) {
        int[] pixels = new int[size * size];
        for (Feature f : example) {
            int i = Integer.parseInt(f.getName());
            int h = i / 28;
            int w = i % 28;
            if (h < size && w < size) {
                pixels[h * size + w] = (int) f.getValue();
            }
        }
        return ImageExamples.toExample(example.getOutput(), pixels, new ImageLayout(size, size, 1));
    }

    private static String refusal(Example<Label> example) {
        return assertThrows(IllegalArgumentException.class, () -> model.predict(example)).getMessage();
    }

    @Test
    void imagesOfAnotherSizeAreRefusedEvenWhenTheirPixelNamesFit() {
        // Every pixel name of a 27x27 image, and of a 29x29 image with a blank last row and column, is
        // also a pixel of a 28x28 one: only the recorded layout tells them apart.
        assertEquals("the example is not " + MNIST + ": it holds a 27x27x1 image, not a 28x28x1 one",
                refusal(resized(demo.get(0), 27)));
        assertEquals("the example is not " + MNIST + ": it holds a 29x29x1 image, not a 28x28x1 one",
                refusal(resized(demo.get(0), 29)));
        // The same image at its own size is predicted as the original is.
        assertEquals(model.predict(demo.get(0)).getOutputScores().toString(),
                model.predict(resized(demo.get(0), 28)).getOutputScores().toString());
    }

    @Test
    void featuresThatAreNoPixelOfTheImageAreRefused() {
        // A 29x29 image without its recorded layout (Tribuo's IDXDataSource records none): its last
        // pixels have no place in a 28x28 one.
        Example<Label> big = new ArrayExample<>(new Label("0"), new String[] {"100", "840"}, new double[] {9, 9});
        assertEquals("the example is not " + MNIST + ": feature '840' is pixel index 840 but a 28x28x1 image has "
                + "only 784 values; the image size does not match", refusal(big));
        Example<Label> named = new ArrayExample<>(new Label("0"), new String[] {"red"}, new double[] {1});
        assertTrue(refusal(named).endsWith("feature name 'red' is not a pixel index; pixel features are named by "
                + "their decimal index, e.g. '000'..'783'"), refusal(named));
    }

    @Test
    void nonFiniteValuesAreRefused() {
        for (double bad : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
            Example<Label> e = new ArrayExample<>(new Label("0"), new String[] {"010", "400"}, new double[] {3, bad});
            assertEquals("the example is not " + MNIST + ": feature '400' has value " + bad + "; pixel values must "
                    + "be finite numbers", refusal(e));
        }
        // Finite, but beyond float once scaled.
        Example<Label> huge = new ArrayExample<>(new Label("0"), new String[] {"400"}, new double[] {1e300});
        assertEquals("the example is not " + MNIST + ": feature '400' has value 1.0E300, which scaled is Infinity; "
                + "pixel values must be finite numbers", refusal(huge));
    }

    @Test
    void aListOrDatasetIsRefusedWholeCountingWhatDoesNotFit() {
        List<Example<Label>> list = new ArrayList<>(demo);
        list.set(5, resized(demo.get(5), 27));
        list.set(9, new ArrayExample<>(new Label("0"), new String[] {"400"}, new double[] {Double.NaN}));
        list.set(12, resized(demo.get(12), 29));
        String m = assertThrows(IllegalArgumentException.class, () -> model.predict(list)).getMessage();
        assertEquals("3 of 20 examples are not " + MNIST + "; the first, example 5: it holds a 27x27x1 image, not a "
                + "28x28x1 one", m);
        // A dataset (Tribuo keeps examples with NaN out of one).
        list.set(9, demo.get(9));
        String d = assertThrows(IllegalArgumentException.class,
                () -> model.predict(SharedData.dataset("mixed", list))).getMessage();
        assertEquals("2 of 20 examples are not " + MNIST + "; the first, example 5: it holds a 27x27x1 image, not a "
                + "28x28x1 one", d);

        // Beyond one batch of 256: counted over the whole list.
        List<Example<Label>> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(demo.get(i % demo.size()));
        }
        many.set(299, resized(demo.get(0), 27));
        many.set(280, resized(demo.get(0), 29));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.predict(many)).getMessage()
                .startsWith("2 of 300 examples are not " + MNIST + "; the first, example 280: it holds a 29x29x1"));
    }
}
