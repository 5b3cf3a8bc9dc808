package org.tribuozoo.tribuo;

import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Train on MNIST digits 0-4, fine-tune on 5-9 with frozen convolutions and a new head. */
class TransferLearningTest {

    private static boolean low(Example<Label> e) {
        return Integer.parseInt(e.getOutput().getLabel()) < 5;
    }

    @Test
    void frozenConvolutionsStayBitIdenticalAndTheNewHeadLearns() {
        List<Example<Label>> mnist = SharedData.mnist();
        MutableDataset<Label> low = SharedData.dataset("0-4", SharedData.slice(mnist, 0, 6000, TransferLearningTest::low));
        MutableDataset<Label> high = SharedData.dataset("5-9",
                SharedData.slice(mnist, 0, 8000, e -> !low(e)));
        MutableDataset<Label> highTest = SharedData.dataset("5-9 test",
                SharedData.slice(mnist, 8000, 10000, e -> !low(e)));

        ZooModel base = ZooTrainer.builder("lenet5").epochs(4).batchSize(32).seed(5).threads(2, 1).build().train(low);
        String[] convs = {"conv2d_1", "conv2d_2", "conv2d_3"};
        ZooModel tuned = ZooTrainer.builder("lenet5").startFrom(base).freeze(convs).reinitialize("dense_2")
                .epochs(3).batchSize(32).seed(6).threads(2, 1).build().train(high);

        assertEquals(Set.of("5", "6", "7", "8", "9"), Set.copyOf(tuned.labels()));
        for (String layer : convs) {
            for (String param : List.of("kernel", "bias")) {
                assertArrayEquals(base.weights().values(layer, param), tuned.weights().values(layer, param),
                        layer + "/" + param + " is frozen");
            }
        }
        assertFalse(java.util.Arrays.equals(base.weights().values("dense_1", "kernel"),
                tuned.weights().values("dense_1", "kernel")), "dense_1 is trained");
        assertEquals(3 * 2, tuned.architecture().frozenLayers().size() * 2);
        assertTrue(tuned.architecture().nonTrainableParameterCount() > 0);
        double accuracy = new LabelEvaluator().evaluate(tuned, highTest).accuracy();
        assertTrue(accuracy > 0.9, "accuracy on 5-9: " + accuracy);
        base.close();
        tuned.close();
    }

    @Test
    void aHeadOfAnotherClassCountStartsFresh() {
        List<Example<Label>> mnist = SharedData.mnist();
        MutableDataset<Label> low = SharedData.dataset("0-4", SharedData.slice(mnist, 0, 1000, TransferLearningTest::low));
        MutableDataset<Label> all = SharedData.dataset("0-9", mnist.subList(0, 1000));
        ZooModel base = ZooTrainer.builder("lenet5").epochs(1).seed(5).threads(2, 1).build().train(low);
        ZooModel wider = ZooTrainer.builder("lenet5").startFrom(base).epochs(1).seed(5).threads(2, 1).build().train(all);
        assertEquals(10, wider.labels().size());
        assertEquals(10, wider.weights().tensor("dense_2/bias").shape().dim(0));
    }
}
