package org.tribuozoo.tribuo.data;

import org.junit.jupiter.api.Test;
import org.tribuo.DataSource;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.datasource.IDXDataSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitsTest {

    @Test
    void partitionCutsInFileOrderWithoutShuffle() {
        int[][] parts = Splits.partition(10, 0.2, 0.3, false, 99);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, parts[0]);
        assertArrayEquals(new int[] {5, 6}, parts[1]);
        assertArrayEquals(new int[] {7, 8, 9}, parts[2]);
    }

    @Test
    void seededPartitionIsDeterministicDisjointAndComplete() {
        int[][] a = Splits.partition(1000, 0.1, 0.2, true, 42);
        int[][] b = Splits.partition(1000, 0.1, 0.2, true, 42);
        int[][] c = Splits.partition(1000, 0.1, 0.2, true, 43);
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(a[k], b[k]);
        }
        assertFalse(Arrays.equals(a[2], c[2]), "another seed, another test set");
        assertEquals(700, a[0].length);
        assertEquals(100, a[1].length);
        assertEquals(200, a[2].length);
        boolean[] seen = new boolean[1000];
        for (int[] part : a) {
            for (int i = 0; i < part.length; i++) {
                assertFalse(seen[part[i]], "index " + part[i] + " in two parts");
                seen[part[i]] = true;
                assertTrue(i == 0 || part[i - 1] < part[i], "file order inside a part");
            }
        }
        assertArrayEquals(new int[0], Splits.partition(5, 0.0, 0.0, true, 1)[2]);
    }

    @Test
    void impossibleSplitsAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.partition(10, 0.5, 0.5, true, 1));
        assertTrue(e.getMessage().contains("leave no training data"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Splits.partition(3, 0.0, 0.1, false, 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.partition(10, -0.1, 0.1, false, 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.partition(10, 0.0, 1.0, false, 1));
    }

    @Test
    void lastFractionOfMnistIsTheLastTwoThousandImages() throws Exception {
        IDXDataSource<Label> mnist = IdxImages.load(TestSupport.sharedData("mnist"), "t10k");
        Splits.Parts<Label> parts = Splits.lastFraction(mnist, 0.2);
        assertEquals(8000, parts.train().size());
        assertEquals(0, parts.validation().size());
        assertEquals(2000, parts.test().size());
        List<Example<Label>> all = TestSupport.list(mnist);
        List<Example<Label>> test = TestSupport.list(parts.test());
        assertEquals(TestSupport.features(all.get(8000)), TestSupport.features(test.get(0)));
        assertEquals(TestSupport.features(all.get(9999)), TestSupport.features(test.get(1999)));
        assertEquals("7", TestSupport.list(parts.train()).get(0).getOutput().getLabel());

        DataSource<Label> rebuilt = TestSupport.rebuildFromProvenance(parts.test());
        TestSupport.assertSameExamples(parts.test(), rebuilt);
    }

    @Test
    void seededSplitOfASourceIsRebuiltFromProvenance() throws Exception {
        Splits.Parts<Label> parts = Splits.seeded(new DemoDataSource(3, 300), 0.1, 0.2, 17);
        assertEquals(210, parts.train().size());
        assertEquals(30, parts.validation().size());
        assertEquals(60, parts.test().size());
        for (SplitDataSource<Label> part : List.of(parts.train(), parts.validation(), parts.test())) {
            DataSource<Label> rebuilt = TestSupport.rebuildFromProvenance(part);
            TestSupport.assertSameExamples(part, rebuilt);
        }
        Splits.Parts<Label> again = Splits.seeded(new DemoDataSource(3, 300), 0.1, 0.2, 17);
        TestSupport.assertSameExamples(parts.validation(), again.validation());
    }

    @Test
    void holdOutViewsFollowTheSameRule() {
        MutableDataset<Label> dataset = new MutableDataset<>(new DemoDataSource(4, 100));
        Splits.Views<Label> views = Splits.holdOut(dataset, 0.25, true, 9);
        int[][] parts = Splits.partition(100, 0.0, 0.25, true, 9);
        assertArrayEquals(parts[0], views.train().getExampleIndices());
        assertArrayEquals(parts[2], views.heldOut().getExampleIndices());
        assertEquals(75, views.train().size());
        assertEquals(25, views.heldOut().size());
    }
}
