package org.tribuozoo.tribuo.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.datasource.IDXDataSource;
import org.tribuo.impl.ArrayExample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PixelFeatureNamesTest {

    @Test
    void namesFollowTheIdxConvention() {
        assertEquals("000", PixelFeatureNames.name(0, 784));
        assertEquals("783", PixelFeatureNames.name(783, 784));
        assertEquals("0000", PixelFeatureNames.name(0, 3072));
        assertEquals("3071", PixelFeatureNames.name(3071, 3072));
        assertEquals("0042", PixelFeatureNames.name(42, 2500));
        // (h, w, c) = (1, 2, 0) in 32x32x3 is (1 * 32 + 2) * 3 + 0 = 102.
        assertEquals("0102", PixelFeatureNames.name(ImageLayout.CIFAR10, 1, 2, 0));
        assertEquals("0105", PixelFeatureNames.name(ImageLayout.CIFAR10, 1, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> PixelFeatureNames.name(784, 784));
        assertThrows(IllegalArgumentException.class, () -> PixelFeatureNames.name(ImageLayout.MNIST, 0, 0, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"28x28x1", "32x32x3", "50x50x1", "19x19x48", "10x10x1", "1x1x1"})
    void everyNameRoundTripsAndSortsInPixelOrder(String text) {
        ImageLayout layout = ImageLayout.parse(text);
        String[] names = PixelFeatureNames.names(layout);
        assertEquals(layout.size(), names.length);
        for (int i = 0; i < names.length; i++) {
            assertEquals(i, PixelFeatureNames.parse(names[i], layout));
            assertEquals(PixelFeatureNames.width(layout.size()), names[i].length());
            if (i > 0) {
                assertTrue(names[i - 1].compareTo(names[i]) < 0, "names sort in index order");
            }
        }
    }

    /** Tribuo's IDXDataSource is the reference for the naming: compare on a tiny IDX file. */
    @ParameterizedTest
    @ValueSource(ints = {3, 10, 28})
    void namesEqualTribuosIdxNames(int side, @TempDir Path dir) throws Exception {
        int n = 2;
        double[] pixels = new double[n * side * side];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 1 + i % 200; // no zeros, so every feature is present
        }
        Path images = dir.resolve("x-images-idx3-ubyte");
        Path labels = dir.resolve("x-labels-idx1-ubyte");
        IDXDataSource.IDXData.createIDXData(IDXDataSource.IDXType.UBYTE, new int[] {n, side, side}, pixels).save(images, false);
        IDXDataSource.IDXData.createIDXData(IDXDataSource.IDXType.UBYTE, new int[] {n}, new double[] {3, 4}).save(labels, false);
        IDXDataSource<Label> source = new IDXDataSource<>(images, labels, new LabelFactory());
        Example<Label> first = source.iterator().next();
        List<String> tribuoNames = new ArrayList<>();
        for (Feature f : first) {
            tribuoNames.add(f.getName());
        }
        assertEquals(List.of(PixelFeatureNames.names(new ImageLayout(side, side, 1))), tribuoNames);
    }

    @Test
    void parseRejectsNamesThatAreNotIndices() {
        for (String bad : new String[] {"", "abc", "-1", "12a", " 12", "1.0", "99999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PixelFeatureNames.parse(bad));
            assertTrue(e.getMessage().contains("feature name"), e.getMessage());
        }
        assertEquals(7, PixelFeatureNames.parse("7"), "any zero padding parses");
        assertEquals(7, PixelFeatureNames.parse("00007"));
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> PixelFeatureNames.parse("784", ImageLayout.MNIST));
        assertTrue(outside.getMessage().contains("28x28x1"), outside.getMessage());
    }

    @Test
    void examplesRoundTripThroughNames() {
        ImageLayout layout = new ImageLayout(2, 3, 2);
        int[] pixels = {0, 1, 2, 0, 4, 5, 6, 7, 0, 9, 10, 255};
        ArrayExample<Label> example = ImageExamples.toExample(new Label("a"), pixels, layout);
        assertEquals(9, example.size(), "zeros are left out");
        float[] back = ImageExamples.pixels(example, layout);
        float[] expected = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            expected[i] = pixels[i];
        }
        assertArrayEquals(expected, back);
    }

    @Test
    void layoutParsesAndIndexes() {
        ImageLayout l = ImageLayout.parse("32x32x3");
        assertEquals(ImageLayout.CIFAR10, l);
        assertEquals(3072, l.size());
        assertEquals((5 * 32 + 7) * 3 + 2, l.index(5, 7, 2));
        assertEquals(new ImageLayout(50, 40, 1), ImageLayout.parse("50x40"));
        assertEquals("28x28x1", ImageLayout.MNIST.toString());
        assertThrows(IllegalArgumentException.class, () -> ImageLayout.parse("28by28"));
        assertThrows(IllegalArgumentException.class, () -> new ImageLayout(0, 28, 1));
    }
}
