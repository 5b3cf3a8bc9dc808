package org.tribuozoo.tribuo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;
import org.tribuozoo.dsl.Activation;
import org.tribuozoo.dsl.Architecture;
import org.tribuozoo.dsl.Conv2D;
import org.tribuozoo.dsl.Dense;
import org.tribuozoo.dsl.Flatten;
import org.tribuozoo.dsl.MaxPool2D;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ZooModel#predict} from several threads runs side by side, with the same bits as one thread;
 * and an example's scores are the same bits alone, in a list or in any batch. The network has a wide
 * dense layer: without care, a batch of one would run oneDNN's matrix-vector kernel and differ in the
 * last bits (by up to about 1e-6) from the same example in a batch.
 */
class ConcurrentPredictionTest {

    private static ZooModel model;
    private static List<Example<Label>> examples;

    @BeforeAll
    static void train() {
        Architecture net = Architecture.builder("wide-dense").input(28, 28, 1)
                .add(Conv2D.filters(8).kernel(3).activation(Activation.RELU)).add(MaxPool2D.size(2))
                .add(Flatten.layer()).add(Dense.units(256).activation(Activation.RELU))
                .add(Dense.units(10).activation(Activation.SOFTMAX)).build();
        model = ZooTrainer.builder(net).epochs(1).batchSize(32).seed(3).threads(2, 2).build()
                .train(SharedData.dataset("demo 1", SharedData.demo(1, 300)));
        examples = SharedData.demo(2, 300);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Every score of every prediction, as raw bits. */
    private static List<List<Long>> bits(List<Prediction<Label>> predictions) {
        List<List<Long>> out = new ArrayList<>();
        for (Prediction<Label> p : predictions) {
            List<Long> row = new ArrayList<>();
            for (String label : model.labels()) {
                row.add(Double.doubleToRawLongBits(p.getOutputScores().get(label).getScore()));
            }
            out.add(row);
        }
        return out;
    }

    private static List<Prediction<Label>> oneByOne(List<Example<Label>> list) {
        List<Prediction<Label>> out = new ArrayList<>();
        list.forEach(e -> out.add(model.predict(e)));
        return out;
    }

    @Test
    void anExampleHasTheSameBitsAloneAndInAnyBatch() {
        List<List<Long>> batched = bits(model.predict(examples));
        assertEquals(batched, bits(oneByOne(examples)), "one by one");
        // 257: a last batch of one after 256.
        List<Example<Label>> more = new ArrayList<>(examples.subList(0, 257));
        assertEquals(batched.subList(0, 257), bits(model.predict(more)));
        for (int size : new int[] {2, 3, 17}) {
            for (int from = 0; from + size <= 60; from += size) {
                assertEquals(batched.subList(from, from + size), bits(model.predict(examples.subList(from, from + size))),
                        "a batch of " + size + " from " + from);
            }
        }
    }

    @Test
    void eightThreadsGiveTheBitsOfOne() throws Exception {
        List<List<Long>> reference = bits(model.predict(examples));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<List<Long>>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                boolean alone = t % 2 == 0;
                results.add(pool.submit(() -> bits(alone ? oneByOne(examples) : model.predict(examples))));
            }
            for (Future<List<List<Long>>> r : results) {
                assertEquals(reference, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** An example whose features are read only once the test lets them: its prediction waits inside predict. */
    private static final class HeldExample extends ArrayExample<Label> {
        private static final long serialVersionUID = 1L;
        final transient CountDownLatch reading = new CountDownLatch(1);
        final transient CountDownLatch release = new CountDownLatch(1);

        HeldExample(Example<Label> example) {
            super(example);
        }

        @Override
        public Iterator<Feature> iterator() {
            reading.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.iterator();
        }
    }

    /**
     * While one thread is inside {@code predict} (held there, reading its example), others predict
     * and finish: no lock is held around a prediction (one around the session made every other
     * thread wait, and 8 threads no faster than one).
     */
    @Test
    void aPredictionUnderWayHoldsUpNoOther() throws Exception {
        List<List<Long>> reference = bits(model.predict(examples));
        HeldExample held = new HeldExample(examples.get(7));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<Prediction<Label>>> waiting = pool.submit(() -> model.predict(List.of(examples.get(3), held)));
            assertTrue(held.reading.await(60, TimeUnit.SECONDS), "the held prediction started");
            Future<List<Prediction<Label>>> other = pool.submit(() -> model.predict(examples));
            assertEquals(reference, bits(other.get(60, TimeUnit.SECONDS)), "finished while the other waits");
            assertFalse(waiting.isDone());
            held.release.countDown();
            assertEquals(List.of(reference.get(3), reference.get(7)), bits(waiting.get(60, TimeUnit.SECONDS)));
        } finally {
            held.release.countDown();
            pool.shutdownNow();
        }
    }
}
