package org.tribuozoo.tribuo.data;

import org.junit.jupiter.api.Test;
import org.tribuo.DataSource;
import org.tribuo.Example;
import org.tribuo.classification.Label;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoDataSourceTest {

    @Test
    void standardPartsHaveTheirSizesAndBalancedClasses() {
        DemoDataSource train = DemoDataSource.train();
        DemoDataSource test = DemoDataSource.test();
        assertEquals(6000, train.size());
        assertEquals(1000, test.size());
        Map<String, Integer> counts = new TreeMap<>();
        for (Example<Label> e : test) {
            counts.merge(e.getOutput().getLabel(), 1, Integer::sum);
            for (var f : e) {
                PixelFeatureNames.parse(f.getName(), ImageLayout.MNIST);
                assertTrue(f.getValue() > 0 && f.getValue() <= 255 && f.getValue() == Math.rint(f.getValue()));
            }
        }
        assertEquals(new TreeMap<>(Map.of("circle", 100, "disk", 100, "square", 100, "diamond", 100, "triangle", 100,
                "plus", 100, "cross", 100, "equals", 100, "corner", 100, "star", 100)), counts);
        assertEquals(DemoDataSource.classNames(), List.of(
                "circle", "disk", "square", "diamond", "triangle", "plus", "cross", "equals", "corner", "star"));
    }

    @Test
    void sameSeedSameImagesOtherSeedOtherImages() throws Exception {
        DemoDataSource a = new DemoDataSource(5, 200);
        TestSupport.assertSameExamples(a, new DemoDataSource(5, 200));
        // A longer run from the same seed starts with the same images.
        TestSupport.assertSameExamples(a, new SplitDataSource<>(new DemoDataSource(5, 250),
                SplitDataSource.Part.TRAIN, 0, 0.2, false, 0));
        Set<String> seen = new HashSet<>();
        for (Example<Label> e : a) {
            assertTrue(seen.add(TestSupport.features(e).toString()), "no two images are alike");
        }
        for (Example<Label> e : new DemoDataSource(6, 200)) {
            assertFalse(seen.contains(TestSupport.features(e).toString()), "another seed gives other images");
        }
        DataSource<Label> rebuilt = TestSupport.rebuildFromProvenance(a);
        TestSupport.assertSameExamples(a, rebuilt);
        assertThrows(IllegalArgumentException.class, () -> new DemoDataSource(1, 0));
    }

    /**
     * Guards the difficulty: a nearest-centroid classifier on raw pixels is far above chance
     * (10%), so the classes carry signal, but far from perfect, so the jitter makes a
     * convolutional network worth having.
     */
    @Test
    void classesAreLearnableButNotTemplates() {
        ImageLayout layout = DemoDataSource.layout();
        Map<String, double[]> centroids = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (Example<Label> e : new DemoDataSource(11, 2000)) {
            float[] x = ImageExamples.pixels(e, layout);
            double[] c = centroids.computeIfAbsent(e.getOutput().getLabel(), k -> new double[layout.size()]);
            for (int j = 0; j < x.length; j++) {
                c[j] += x[j];
            }
            counts.merge(e.getOutput().getLabel(), 1, Integer::sum);
        }
        centroids.forEach((k, c) -> Arrays.setAll(c, j -> c[j] / counts.get(k)));
        int correct = 0;
        int total = 0;
        for (Example<Label> e : new DemoDataSource(12, 500)) {
            float[] x = ImageExamples.pixels(e, layout);
            String best = null;
            double bestDistance = Double.MAX_VALUE;
            for (Map.Entry<String, double[]> c : centroids.entrySet()) {
                double d = 0;
                for (int j = 0; j < x.length; j++) {
                    double q = x[j] - c.getValue()[j];
                    d += q * q;
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c.getKey();
                }
            }
            correct += best.equals(e.getOutput().getLabel()) ? 1 : 0;
            total++;
        }
        double accuracy = correct / (double) total;
        assertTrue(accuracy > 0.4 && accuracy < 0.9, "nearest-centroid accuracy " + accuracy);
    }
}
